/** Placeholder until the import page (issue 3) lands. */
export default function ImportPage() {
  return <div>导入功能建设中</div>;
}
