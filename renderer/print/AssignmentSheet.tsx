import type { FindingDetailDto } from '../../shared/contract/index.ts';
import { chineseDate } from '../../shared/domain/dates.ts';
import { MEASURE_STATUS_LABEL } from '../../shared/domain/vocabulary.ts';
import { deadlineLabel } from '../components/labels.tsx';

/** 交办单: one finding, its checklist of measures, units, people and deadlines, on one portrait page. */
export function AssignmentSheet({ finding, officeName, today }: { finding: FindingDetailDto; officeName: string; today: string }) {
  const b = finding.batch;
  const units = [...new Set(finding.measures.map((m) => m.leadUnitName))];
  return (
    <div className="assignment-sheet" data-testid="assignment-sheet">
      <h1>民主监督反馈问题整改交办单</h1>
      <div className="sheet-meta">
        <span>交办单位：{officeName || '　　　　'}</span>
        <span>交办日期：{chineseDate(today)}</span>
      </div>
      <table>
        <tbody>
          <tr>
            <th>反馈来源</th>
            <td>{[b.organizationName, b.docNumber, b.topic].filter(Boolean).join('  ')}</td>
          </tr>
          <tr>
            <th>问题类别</th>
            <td>{finding.category ?? ''}</td>
          </tr>
          <tr>
            <th>反馈问题</th>
            <td>{`（${finding.seq}）${finding.text}`}</td>
          </tr>
          {finding.suggestion && (
            <tr>
              <th>意见建议</th>
              <td>{finding.suggestion}</td>
            </tr>
          )}
          {finding.target && (
            <tr>
              <th>整改目标</th>
              <td>{finding.target}</td>
            </tr>
          )}
          {finding.measures.map((m, i) => (
            <tr key={m.id}>
              <th>整改措施{finding.measures.length > 1 ? `（${i + 1}）` : ''}</th>
              <td>
                {m.text}
                {'\n'}牵头单位：{m.leadUnitName}
                {m.coUnits.length ? `；配合单位：${m.coUnits.map((u) => u.name).join('、')}` : ''}
                {'\n'}责任领导：{m.leader ?? '—'}；责任人：{m.person ?? '—'}；整改时限：{deadlineLabel(m.deadlineKind, m.deadlineDate, m.deadlineText)}
                ；当前状态：{MEASURE_STATUS_LABEL[m.status]}
              </td>
            </tr>
          ))}
          <tr>
            <th>办理要求</th>
            <td>
              请{units.join('、')}按照“清单制、责任制、时间表”要求，认真抓好整改落实，限时办结，并按时报送整改进展情况及佐证材料；整改完成后申请验收销号。
            </td>
          </tr>
          <tr>
            <th>签收</th>
            <td>{'签收人：　　　　　　　　签收时间：　　　年　　月　　日'}</td>
          </tr>
        </tbody>
      </table>
      <div className="sheet-sign">
        <span>联系人：</span>
        <span>联系电话：</span>
      </div>
    </div>
  );
}
