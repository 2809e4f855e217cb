/**
 * orgdata/profile and orgdata/diff: the column profile of an open file, and what uploading it will change
 * against an older version, as Markdown for any client to show (VS Code opens it in the preview beside the
 * CSV). Both read the whole document, on request only.
 */
import { RequestType } from 'vscode-languageserver';
import {
  CONVERT_REQUEST,
  DIFF_REQUEST,
  PROFILE_REQUEST,
  type ConvertAnswer,
  type ConvertParams,
  type DiffParams,
  type ProfileParams,
  type ReportAnswer,
} from '../protocol';
import {
  analyze,
  convertExport,
  diffJson,
  diffMarkdown,
  profileJson,
  DiffBuilder,
  NOTHING_TO_PROFILE,
  ProfileBuilder,
  profileMarkdown,
} from '../engine';
import type { Session } from '../session';

export const ProfileRequest = new RequestType<ProfileParams, ReportAnswer, void>(PROFILE_REQUEST);
export const DiffRequest = new RequestType<DiffParams, ReportAnswer, void>(DIFF_REQUEST);
export const ConvertRequest = new RequestType<ConvertParams, ConvertAnswer, void>(CONVERT_REQUEST);

const NOT_ORG_DATA = 'This file is not organizational data: its header names no Microsoft_ or Viva Insights attribute.';

export function registerReports(session: Session): void {
  const { connection } = session;
  const nameOf = (uri: string): string => decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));

  connection.onRequest(ProfileRequest, (params, token) =>
    session.runSafe(
      'profile',
      async () => {
        // any CSV with a header is profiled, as orgdata-lint profile does with a file it is given
        let doc = await session.orgDataDocument(params.uri);
        const open = session.documents.get(params.uri);
        if (!doc && open) doc = analyze(open.getText(), await session.settingsFor(params.uri), { force: true, readOnly: true }).doc;
        session.throwIfCancelled(token);
        if (!doc) return { error: NOTHING_TO_PROFILE };
        const builder = new ProfileBuilder(doc.settings, params.minGroupSize);
        builder.add(doc);
        const profile = builder.result();
        // the header cell of each profiled column (the same columns, in order), for the picture's links
        const headers = doc.columns
          .filter((c) => c.name.trim() !== '' && !c.excluded)
          .map((c) => ({ name: c.name.trim(), range: doc.out.lineIndex.range(c.start, c.end) }));
        return { markdown: profileMarkdown(nameOf(params.uri), profile), json: JSON.parse(profileJson(profile)), headers };
      },
      { error: 'The profile could not be built (see the Org Data output).' },
      token,
    ),
  );

  // the upload file made from an open export, as orgdata-lint convert makes it (the client writes it)
  connection.onRequest(ConvertRequest, (params, token) =>
    session.runSafe(
      'convert',
      async () => {
        const open = session.documents.get(params.uri);
        if (!open) return { error: 'The file is not open.' };
        const settings = await session.settingsFor(params.uri);
        session.throwIfCancelled(token);
        const c = convertExport(open.getText(), settings, { force: true });
        return { text: c.text, dropped: c.dropped, fixed: c.fixed };
      },
      { error: 'The upload file could not be made (see the Org Data output).' },
      token,
    ),
  );

  connection.onRequest(DiffRequest, (params, token) =>
    session.runSafe(
      'diff',
      async () => {
        const doc = await session.orgDataDocument(params.uri);
        session.throwIfCancelled(token);
        if (!doc) return { error: NOT_ORG_DATA };
        const old = analyze(params.oldText, doc.settings, { force: true }).doc;
        const builder = new DiffBuilder(doc.settings);
        if (old) builder.addOld(old);
        builder.addNew(doc);
        if (builder.missingPerson())
          return {
            error: `${builder.missingPerson() === 'old' ? params.oldName : nameOf(params.uri)} has no person column (Microsoft_PersonEmail or PersonId), so its rows belong to no one.`,
          };
        const d = builder.result();
        return { markdown: diffMarkdown(params.oldName, nameOf(params.uri), d), json: JSON.parse(diffJson(d)) };
      },
      { error: 'The comparison could not be built (see the Org Data output).' },
      token,
    ),
  );
}
