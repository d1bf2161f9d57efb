/** Placeholder until the reports page (issue 4) lands. */
export default function ReportsPage() {
  return <div>报表功能建设中</div>;
}
