import { useState } from 'react';
import { Button, Checkbox, Field, Textarea } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Note } from '../../../../contract/me.ts';
import type { SessionRef } from '../../../shared/api/me-client.ts';
import { useLayout } from '../parts/layout.ts';
import { usePane } from '../parts/pane-context.tsx';
import { DoneBar, ErrorBar, QueryState } from '../parts/status.tsx';
import { formatMoment } from '../parts/words.ts';
import { useEditNote, useNotes, useWriteNote } from './hooks.ts';

/** My notes (private unless I share them) and the notes my partner shared; HR never sees any. */
export function Notes({ sessionRef }: { sessionRef: SessionRef }) {
  const { t } = useTranslation();
  const layout = useLayout();
  const notes = useNotes(sessionRef);
  const write = useWriteNote(sessionRef);
  const [body, setBody] = useState('');
  const [shared, setShared] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [empty, setEmpty] = useState(false);

  const save = async () => {
    if (body.trim() === '') {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    await write.mutateAsync({ body, shared });
    setBody('');
    setShared(false);
    setDone(t('session.notes.saved'));
  };

  return (
    <article className={layout.block} aria-labelledby="notes-title" data-testid="notes">
      <h3 id="notes-title" className={layout.subheading}>
        {t('session.notes.title')}
      </h3>
      <p className={layout.small}>{t('session.notes.privacy')}</p>
      {notes.data === undefined ? (
        <QueryState error={notes.error} onRetry={() => void notes.refetch()} />
      ) : notes.data.length === 0 ? (
        <p className={layout.text}>{t('session.notes.none')}</p>
      ) : (
        notes.data.map((note) => <NoteItem key={note.noteId} note={note} sessionRef={sessionRef} onDone={setDone} />)
      )}
      <Field label={t('session.notes.new')} validationMessage={empty ? t('session.notes.empty') : undefined} validationState={empty ? 'error' : 'none'}>
        <Textarea value={body} onChange={(_, data) => setBody(data.value)} resize="vertical" rows={4} />
      </Field>
      <Checkbox label={t('session.notes.share')} checked={shared} onChange={(_, data) => setShared(data.checked === true)} />
      <div className={layout.actions}>
        <Button appearance="primary" disabled={write.isPending} onClick={() => void save().catch(() => undefined)}>
          {t('session.notes.save')}
        </Button>
      </div>
      <DoneBar text={done} />
      <ErrorBar error={write.error} />
    </article>
  );
}

function NoteItem({ note, sessionRef, onDone }: { note: Note; sessionRef: SessionRef; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const { language, timeZone } = usePane();
  const layout = useLayout();
  const edit = useEditNote(sessionRef);
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(note.body);
  const [shared, setShared] = useState(note.shared);
  const who = note.mine ? t(note.shared ? 'session.notes.mineShared' : 'session.notes.minePrivate') : t('session.notes.partners', { name: note.authorName });

  const save = async () => {
    await edit.mutateAsync({ noteId: note.noteId, patch: { body, shared } });
    setEditing(false);
    onDone(t('session.notes.saved'));
  };

  return (
    <div className={layout.block} data-testid="note">
      <p className={layout.small}>
        {who} · {formatMoment(note.updatedAt, language, timeZone)}
      </p>
      {editing ? (
        <>
          <Field label={t('session.notes.edit')}>
            <Textarea value={body} onChange={(_, data) => setBody(data.value)} resize="vertical" rows={4} />
          </Field>
          <Checkbox label={t('session.notes.share')} checked={shared} onChange={(_, data) => setShared(data.checked === true)} />
          <div className={layout.actions}>
            <Button appearance="primary" disabled={edit.isPending} onClick={() => void save().catch(() => undefined)}>
              {t('session.notes.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('session.cancel')}</Button>
          </div>
        </>
      ) : (
        <>
          <p className={layout.text} style={{ whiteSpace: 'pre-wrap' }}>
            {note.body}
          </p>
          {note.mine && (
            <div className={layout.actions}>
              <Button size="small" onClick={() => setEditing(true)}>
                {t('session.notes.editButton')}
              </Button>
              {!note.shared && (
                <Button
                  size="small"
                  disabled={edit.isPending}
                  onClick={() => void edit.mutateAsync({ noteId: note.noteId, patch: { shared: true } }).then(() => onDone(t('session.notes.nowShared')), () => undefined)}
                >
                  {t('session.notes.shareButton')}
                </Button>
              )}
            </div>
          )}
        </>
      )}
      <ErrorBar error={edit.error} />
    </div>
  );
}
