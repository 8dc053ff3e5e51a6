import { type ReactNode, useState } from 'react';
import { loadFiles } from './Header.tsx';
import { t } from './i18n/index.ts';
import { filesFromDrop } from './readFiles.ts';

/** Accepts files and whole folders dropped anywhere on the window. */
export function DropZone({ children }: { children: ReactNode }) {
  const [dragging, setDragging] = useState(false);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping files is an addition to the Upload button, which is the accessible path.
    <div
      className="dropzone"
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDragging(false);
      }}
      onDrop={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        setDragging(false);
        void filesFromDrop(event.dataTransfer).then(loadFiles);
      }}
    >
      {children}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          {t('upload.drop')}
        </div>
      )}
    </div>
  );
}
