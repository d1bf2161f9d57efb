/** The element that scrolls the page content (sticky table headers attach to it). */
export const PAGE_SCROLL_ID = 'page-scroll';
