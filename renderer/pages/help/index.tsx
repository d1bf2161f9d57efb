import type { ReactNode } from 'react';
import { Anchor, Card, Col, Row, Table, Tag, Typography } from 'antd';
import { useAppInfo } from '../../app-info.tsx';
import { SHORTCUTS } from '../../components/shortcuts.ts';
import { PAGE_SCROLL_ID } from '../../layout.ts';

const { Paragraph, Text, Title } = Typography;

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} style={{ marginBottom: 24 }}>
      <Title level={5} style={{ marginTop: 0 }}>{title}</Title>
      {children}
    </section>
  );
}

const SECTIONS = [
  ['help-workflow', '工作流程'],
  ['help-import', '导入台账'],
  ['help-unit-sheets', '单位填报表'],
  ['help-reports', '报表与打印'],
  ['help-signals', '预警颜色'],
  ['help-shortcuts', '快捷键'],
  ['help-data', '数据保存在哪里'],
] as const;

/** 帮助: how the work goes through the app, in the clerk's words. */
export function HelpPage() {
  const { info } = useAppInfo();
  const { dueSoonDays, stagnantDays } = info.settings;
  return (
    <Card title="帮助" data-testid="help-page">
      <Row gutter={24} wrap={false}>
        <Col flex="auto" style={{ maxWidth: 860 }}>
          <Section id="help-workflow" title="工作流程">
            <Paragraph>
              收到党派的反馈意见后，先在「反馈批次」登记（文号、收文日期、主题），再逐条录入反馈问题，并把每个问题分解成整改措施：每条措施写明牵头单位、配合单位、责任人和整改时限。
            </Paragraph>
            <Paragraph>每条整改措施按下面的顺序办理，在问题页面的措施卡片上点相应按钮：</Paragraph>
            <Paragraph>
              <Tag>未启动</Tag>→ 开始整改 → <Tag color="processing">整改中</Tag>→ 申请销号（写明整改结果、附上佐证材料）→ <Tag color="warning">待销号</Tag>→ 验收销号 → <Tag color="success">已销号</Tag>
            </Paragraph>
            <ul>
              <li><Text strong>退回</Text>：验收时认为还没整改到位，退回后回到“整改中”。</li>
              <li><Text strong>回头看</Text>：已销号的措施在回头看中发现反弹，可重新打开，回到“整改中”。</li>
              <li><Text strong>长期坚持</Text>：阶段性任务已完成但需要长期坚持的措施，转为“长期坚持”后继续填报进展，不算逾期。</li>
            </ul>
            <Paragraph>整改过程中随时在措施下“记录进展”，附上照片、文件等佐证材料；每一次修改都记入「操作日志」。</Paragraph>
          </Section>

          <Section id="help-import" title="导入台账">
            <ul>
              <li>支持的文件：Excel（.xlsx、.xls）、WPS 表格、.csv、网页另存的 .xls，以及 Word（.docx）中的表格或编号段落。</li>
              <li>表头识别：程序按列名的意思认列（如“牵头单位”“责任单位”“整改时限”），并参考列里的内容；每一列认成什么、为什么，都在预览中写明，认错了可以改，下次同样表头的文件会记住。</li>
              <li>手动指定表头：找不到表头时，预览会列出表格的前几行，点一下哪一行是表头即可。</li>
              <li>空白模板：在「导入」页可下载本程序的空白台账模板，照着填写最稳妥。</li>
              <li>导入前先预览，确认后才写入；同一文件再导入一次不会重复添加。</li>
            </ul>
          </Section>

          <Section id="help-unit-sheets" title="单位填报表（下发与回收）">
            <ul>
              <li>下发：在「导入 → 单位填报表」为每个责任单位生成一张表，列出它未完成的整改措施。单位只能填写“本期进展”“完成情况”“状态”，其余内容已锁定。</li>
              <li>回收：单位交回后，在同一页选择交回的文件（可一次选多个）。程序逐行对上原来的措施，先列出每一处变化（原来 → 现在），确认后才合并。</li>
            </ul>
          </Section>

          <Section id="help-reports" title="报表与打印">
            <ul>
              <li>Excel 整改台账：可选列、可分组，横向排版、每页重复表头，直接打印或上报。</li>
              <li>Word 整改情况报告：按公文格式排好版，开头的完成情况一段由程序按台账数字写好，再按需修改。</li>
              <li>办理情况反馈函：按反馈批次生成，寄给提出意见的党派。</li>
              <li>督办通知单：给逾期或停滞的措施发出，按年度编号；编号一经生成不能收回。</li>
              <li>打印：在台账页按 Ctrl+P 或点「打印」，打印当前筛选出的台账；问题页面可打印交办单。</li>
            </ul>
          </Section>

          <Section id="help-signals" title="预警颜色">
            <ul>
              <li><Tag color="red">红</Tag>已过整改时限还没有销号。</li>
              <li><Tag color="gold">黄</Tag>离整改时限不足 {dueSoonDays} 天，或连续 {stagnantDays} 天没有填报进展。</li>
              <li><Tag color="green">绿</Tag>进度正常。</li>
            </ul>
            <Paragraph>已销号和长期坚持的措施不会变红。天数可在「设置」中修改。</Paragraph>
          </Section>

          <Section id="help-shortcuts" title="快捷键">
            <Table
              size="small"
              pagination={false}
              rowKey="keys"
              dataSource={SHORTCUTS}
              style={{ maxWidth: 560 }}
              data-testid="help-shortcuts"
              columns={[
                { title: '按键', dataIndex: 'keys', width: 160, render: (k: string) => <Text keyboard>{k}</Text> },
                { title: '作用', dataIndex: 'what' },
              ]}
            />
          </Section>

          <Section id="help-data" title="数据保存在哪里">
            <Paragraph>
              全部数据保存在这台电脑上，不上传到网上，断网也能用。数据文件夹：
              <Text code copyable style={{ wordBreak: 'break-all' }}>{info.dataDir}</Text>
            </Paragraph>
            <Paragraph>
              其中 ledger.sqlite3 是台账数据，evidence 文件夹是佐证材料。备份时把整个文件夹复制到U盘或其他电脑即可；请放在本机硬盘上，不要放在网络共享文件夹里。
            </Paragraph>
            <Paragraph>正在填写还没保存的表单会自动留一份草稿，刷新页面或程序意外关闭后再打开，草稿会自动恢复。</Paragraph>
          </Section>
        </Col>
        <Col flex="160px">
          <Anchor
            affix={false}
            getContainer={() => document.getElementById(PAGE_SCROLL_ID) ?? window}
            items={SECTIONS.map(([key, title]) => ({ key, href: `#${key}`, title }))}
            onClick={(e, link) => {
              // The hash belongs to the router: scroll to the section without changing the address.
              e.preventDefault();
              document.getElementById(link.href.slice(1))?.scrollIntoView({ behavior: 'smooth' });
            }}
          />
        </Col>
      </Row>
    </Card>
  );
}
