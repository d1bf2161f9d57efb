import { EyeOutlined } from '@ant-design/icons';

/** The 民主监督 group of the main menu (issue 11); keys are the pages' paths. */
export const SUPERVISION_MENU_GROUP = {
  key: 'supervision',
  icon: <EyeOutlined />,
  label: '民主监督',
  children: [
    { key: 'supervision/relations', label: '对口监督' },
    { key: 'supervision/activities', label: '监督活动' },
    { key: 'supervision/supervisors', label: '特邀监督员' },
    { key: 'supervision/windows', label: '观察窗口' },
    { key: 'supervision/briefings', label: '通报记录' },
    { key: 'supervision/satisfaction', label: '满意度' },
    { key: 'supervision/stats', label: '监督统计' },
  ],
};
