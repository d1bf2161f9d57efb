/** Channels of the Excel import and the unit round trip (issue 3). Owned by shared/core/import. */
export const importChannels = {};
