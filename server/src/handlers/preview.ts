/** orgdata/previewExport and orgdata/people: the export JSON of a person, and the people to choose from. */
import { RequestType } from 'vscode-languageserver';
import { PEOPLE_REQUEST, PREVIEW_REQUEST, type PersonItem, type PreviewAnswer, type PreviewParams } from '../protocol';
import { peopleOf, previewExport, rowAtLine, rowOfPerson } from '../engine';
import type { Session } from '../session';

export const PreviewRequest = new RequestType<PreviewParams, PreviewAnswer, void>(PREVIEW_REQUEST);
export const PeopleRequest = new RequestType<{ uri: string }, PersonItem[], void>(PEOPLE_REQUEST);

export function registerPreview(session: Session): void {
  const { connection, documents } = session;

  connection.onRequest(PreviewRequest, (params, token) =>
    session.runSafe(
      'previewExport',
      async () => {
        const doc = documents.get(params.uri);
        if (!doc) return { error: 'The file is not open.' };
        const entry = await session.analyzed(doc);
        session.throwIfCancelled(token);
        const analysis = entry.analysis;
        if (!analysis?.result.orgData || !analysis.headerDoc)
          return { error: 'This file is not organizational data: its header names no Microsoft_ or Viva Insights attribute.' };
        // the rows around the person's line suffice; the whole document only for a person the checks did not
        // match, and for a Viva Insights history file, whose person has a row per EffectiveDate anywhere in it
        const line = params.person !== undefined ? analysis.personLine(params.person) : params.line;
        let org = line === undefined ? undefined : analysis.result.dialect === 'viva' ? analysis.doc : analysis.contextAt(line);
        let row = org && line !== undefined ? rowAtLine(org, line) : undefined;
        if (params.person !== undefined && row === undefined) {
          org = analysis.doc;
          row = org && rowOfPerson(org, params.person);
        }
        if (!org || row === undefined) {
          return {
            error: params.person !== undefined ? 'This person is no longer in the file.' : 'The cursor is not on a person\u2019s row.',
          };
        }
        const settings = org.settings;
        const preview = previewExport(org, row, {
          precedence: settings.precedence,
          entra: entry.entra.directory,
          entraProblem: entry.entra.problem,
        });
        if ('error' in preview) return { error: preview.error };
        return { preview, person: String(preview.orgdataPreview.person), line: Number(preview.orgdataPreview.line) - 1 };
      },
      { error: 'The preview could not be built (see the Org Data output).' },
      token,
    ),
  );

  connection.onRequest(PeopleRequest, (params, token) =>
    session.runSafe(
      'people',
      async () => {
        const doc = await session.orgDataDocument(params.uri);
        session.throwIfCancelled(token);
        return doc ? peopleOf(doc).map((p) => ({ email: p.email, name: p.name, line: p.line })) : [];
      },
      [],
      token,
    ),
  );
}
