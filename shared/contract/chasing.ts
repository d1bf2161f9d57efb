import { z } from 'zod';
import { channel } from './define.ts';
import { id } from './common.ts';
import type { MeasureStatus, Signal } from '../domain/vocabulary.ts';
import type { NoticeDto, NoticeLevel } from './reports.ts';

/** Chasing (issue 10): a unit's page — its contact, open, late and chased items, and the notices it received. */

export interface UnitNoticeRefDto {
  id: number;
  docNumber: string;
  level: NoticeLevel;
  issuedDate: string;
  replyBy: string;
}

export interface UnitItemDto {
  measureId: number;
  findingId: number;
  /** The shared numbering, "3-2". */
  number: string;
  findingText: string;
  measureText: string;
  /** 牵头 or 配合. */
  role: 'lead' | 'co';
  deadline: string;
  status: MeasureStatus;
  signal: Signal;
  signalReason: string;
  overdueDays: number;
  lastProgressDate: string | null;
  /** Notices that listed this item, newest first. */
  notices: UnitNoticeRefDto[];
}

export interface UnitDetailDto {
  unit: { id: number; name: string; contactPerson: string | null; contactPhone: string | null; aliases: string[] };
  counts: {
    /** Measures it leads, and of them: not yet closed (未办结, as the units list counts), overdue, chased at least once. */
    lead: number;
    open: number;
    late: number;
    chased: number;
    /** Measures it co-operates on that are not yet closed. */
    coOpen: number;
    notices: number;
    byLevel: Record<NoticeLevel, number>;
  };
  /** Not yet closed, led or co-operated, in ledger order. */
  open: UnitItemDto[];
  /** Led and overdue, most overdue first. */
  late: UnitItemDto[];
  /** Led and chased, most recently chased first. */
  chased: UnitItemDto[];
  notices: NoticeDto[];
  /** A list was cut at its limit (the ledger, filtered by the unit, shows them all). */
  truncated: boolean;
}

export const chasingChannels = {
  'units:detail': channel<UnitDetailDto>()(z.object({ id })),
};
