/** Channels of Word reports, Excel ledgers and notices (issue 4). Owned by shared/core/reports. */
export const reportChannels = {};
