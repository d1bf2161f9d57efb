import dayjs, { type Dayjs } from 'dayjs';
import type { UploadFile } from 'antd';
import type { ChannelInput, MeasureDto, UploadedFile } from '../../shared/contract/index.ts';
import type { DeadlineKind } from '../../shared/domain/vocabulary.ts';
import { toUpload } from '../api.ts';

/** A measure as the form holds it (dates as dayjs, deadline split into its parts). */
export interface MeasureFormValues {
  text?: string;
  leadUnitId?: number;
  coUnitIds?: number[];
  leader?: string;
  person?: string;
  deadlineKind: DeadlineKind;
  deadlineDate?: Dayjs | null;
  deadlineText?: string;
}

export type MeasureInput = Omit<ChannelInput<'measures:create'>, 'findingId'>;

export const NEW_MEASURE: MeasureFormValues = { deadlineKind: 'date', coUnitIds: [] };

export const isoOf = (d: Dayjs | null | undefined): string | undefined => (d ? d.format('YYYY-MM-DD') : undefined);

export function measureInputOf(v: MeasureFormValues): MeasureInput {
  return {
    text: v.text ?? '',
    // 0 is refused by the core with "请选择牵头单位": the form never invents a unit.
    leadUnitId: v.leadUnitId ?? 0,
    coUnitIds: (v.coUnitIds ?? []).filter((id) => id !== v.leadUnitId),
    leader: v.leader || null,
    person: v.person || null,
    deadline: {
      kind: v.deadlineKind,
      date: v.deadlineKind === 'standing' ? null : (isoOf(v.deadlineDate) ?? null),
      text: v.deadlineText || null,
    },
  };
}

export function measureFormOf(m: MeasureDto): MeasureFormValues {
  return {
    text: m.text,
    leadUnitId: m.leadUnitId,
    coUnitIds: m.coUnits.map((u) => u.id),
    leader: m.leader ?? undefined,
    person: m.person ?? undefined,
    deadlineKind: m.deadlineKind,
    deadlineDate: m.deadlineDate ? dayjs(m.deadlineDate) : null,
    deadlineText: m.deadlineText ?? undefined,
  };
}

/** Files picked in an antd Upload (kept local with beforeUpload → false), ready for the contract. */
export async function uploadsOf(fileList: UploadFile[] | undefined): Promise<UploadedFile[]> {
  const files = (fileList ?? []).map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);
  return Promise.all(files.map((f) => toUpload(f)));
}

/**
 * Enter in a date field confirms the typed date; without this the browser would also submit the
 * surrounding form (implicit submission) before the clerk has finished it.
 */
export function keepEnterInDateField(event: { key: string; preventDefault: () => void }): void {
  if (event.key === 'Enter') event.preventDefault();
}
