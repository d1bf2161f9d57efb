import type { z } from 'zod';
import type { Result } from '../errors.ts';
import { importChannels } from './import.ts';
import { ledgerChannels } from './ledger.ts';
import { reportChannels } from './reports.ts';
import { recycleChannels } from './recycle.ts';
import { backupChannels } from './backup.ts';
import { jobChannels } from './jobs.ts';
import { reportTemplateChannels } from './report-template.ts';
import { snapshotChannels } from './snapshots.ts';
import { assessmentChannels } from './assessment.ts';
import { similarChannels } from './similar.ts';
import { bulkChannels } from './bulk.ts';
import { supervisionChannels } from './supervision.ts';
import { chasingChannels } from './chasing.ts';
import { dashboardChannels } from './dashboard.ts';
import { officeChannels } from './office.ts';
import { usersChannels } from './users.ts';

/**
 * Every call from the UI, in one map. ipcMain registration, the preload bridge, the browser-mode
 * HTTP bridge and the renderer client are all derived from it.
 */
export const channels = { ...reportTemplateChannels, ...ledgerChannels, ...importChannels, ...reportChannels, ...recycleChannels, ...backupChannels, ...jobChannels, ...snapshotChannels, ...assessmentChannels, ...similarChannels, ...bulkChannels, ...supervisionChannels, ...chasingChannels, ...dashboardChannels, ...officeChannels, ...usersChannels };

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ChannelParsed<K extends ChannelName> = z.output<Channels[K]['input']>;
export type ChannelResult<K extends ChannelName> = Channels[K]['result'];

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

/** What a transport carries back. */
export type ChannelReply<K extends ChannelName> = Result<ChannelResult<K>>;

export * from './common.ts';
export * from './ledger-types.ts';
export type { LedgerFilter, LedgerQuery } from './ledger.ts';
