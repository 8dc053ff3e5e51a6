import './teach.css';
import { CompareMenu } from '../diff/CompareMenu.tsx';
import { ExportMenu } from '../export/ExportMenu.tsx';
import { LessonsMenu } from './LessonsMenu.tsx';

/** The header's teaching and design menus: lessons, before/after, exports. */
export function TeachMenus() {
  return (
    <div className="teach-menus">
      <LessonsMenu />
      <CompareMenu />
      <ExportMenu />
    </div>
  );
}
