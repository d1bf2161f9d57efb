/**
 * IPC channel names shared by the preload and the main process. Core channels carry the
 * contract's own names under a prefix, so they cannot collide with the shell's few calls.
 */
export const coreIpc = (channel: string): string => `core:${channel}`;

export const SHELL_IPC = {
  saveFile: 'shell:save-file',
  /** Save a file a core job wrote, by its id: the main process copies it (no bytes through IPC). */
  saveExport: 'shell:save-export',
  /** Open a 佐证材料 by its id (never bytes or a path from the page). */
  openEvidence: 'shell:open-evidence',
  print: 'shell:print',
  /** Main → page: the menu's 打印 (Ctrl+P) was chosen. */
  printRequested: 'shell:print-requested',
} as const;

/** The DOM event the page may cancel to print in its own way when the menu's 打印 is chosen. */
export const PRINT_REQUEST_EVENT = 'rectify:print-request';

/** How the main process tells the preload which core channels exist. */
export const CHANNELS_ARG = '--rectify-channels=';

export function channelsArg(names: readonly string[]): string {
  return CHANNELS_ARG + names.join(',');
}

export function readChannelsArg(argv: readonly string[]): string[] {
  const arg = argv.find((a) => a.startsWith(CHANNELS_ARG));
  return arg ? arg.slice(CHANNELS_ARG.length).split(',').filter(Boolean) : [];
}
