// The Neovim configuration of docs/other-editors.md, run as written in a headless Neovim against the built server: the
// findings of the sample with planted problems arrive, and a setting from the configuration applies.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const EXPECTED = [
  '1:69 unknown-attribute',
  '1:165 sensitive-column',
  '1:177 dialect-mix',
  '3:61 invalid-integer',
  '3:70 name-group-incomplete',
  '3:71 name-group-incomplete',
  '4:1 invalid-email',
  '5:1 duplicate-person',
  '6:20 self-manager',
  '6:51 formula-injection',
  '7:1 blank-row',
  '8:1 column-count',
];

const REPORT = `
vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 100)
local out = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?'
  table.insert(out, string.format('%d:%d %s', d.lnum + 1, d.col + 1, code))
end
table.sort(out, function(a, b)
  local la, ca = a:match('^(%d+):(%d+)')
  local lb, cb = b:match('^(%d+):(%d+)')
  return tonumber(la) < tonumber(lb) or (tonumber(la) == tonumber(lb) and tonumber(ca) < tonumber(cb))
end)
io.stdout:write(table.concat(out, '\\n') .. '\\n')
vim.cmd('qa!')
`;

// Go to Definition as Neovim asks it (textDocument/definition on the cursor): from the manager cell of line 3
// of the ODS sample, the manager's row (line 2)
const DEFINITION = `
vim.api.nvim_win_set_cursor(0, {3, 30})
local out = {}
-- the server answers once the client has started: ask until it does
vim.wait(20000, function()
  local result = vim.lsp.buf_request_sync(0, 'textDocument/definition', vim.lsp.util.make_position_params(), 2000)
  for _, r in pairs(result or {}) do
    local locs = r.result or {}
    if locs.range then locs = { locs } end
    for _, l in ipairs(locs) do
      local range = l.range or l.targetRange
      table.insert(out, string.format('%d:%d-%d:%d', range.start.line + 1, range.start.character + 1, range['end'].line + 1, range['end'].character + 1))
    end
  end
  return #out > 0
end, 200)
io.stdout:write(table.concat(out, '\\n') .. '\\n')
vim.cmd('qa!')
`;

export function runNeovimChecks(root) {
  const results = [];
  const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (nvim.status !== 0) return [{ name: 'Neovim is installed', ok: false, detail: 'nvim not found (test/e2e/install.sh installs it)' }];
  const readme = fs.readFileSync(path.join(root, 'docs', 'other-editors.md'), 'utf8');
  const block = readme.split('<!-- neovim-config')[1]?.match(/```lua\n([\s\S]*?)```/)?.[1];
  if (!block)
    return [
      { name: 'docs/other-editors.md has a Neovim configuration', ok: false, detail: 'no ```lua block after the neovim-config marker' },
    ];

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-nvim-'));
  try {
    // orgdata-language-server on the PATH, as an installed package puts it
    const bin = path.join(tmp, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(
      path.join(bin, 'orgdata-language-server'),
      `#!/bin/sh\nexec "${process.execPath}" "${path.join(root, 'dist/server.js')}" "$@"\n`,
      { mode: 0o755 },
    );
    fs.writeFileSync(path.join(tmp, 'report.lua'), REPORT);
    fs.writeFileSync(path.join(tmp, 'definition.lua'), DEFINITION);
    const run = (config, file = 'samples/with-problems.csv', script = 'report.lua') => {
      fs.writeFileSync(path.join(tmp, 'init.lua'), config);
      const r = spawnSync(
        'nvim',
        ['--headless', '-u', path.join(tmp, 'init.lua'), '-i', 'NONE', path.join(root, file), '-c', `luafile ${path.join(tmp, script)}`],
        {
          encoding: 'utf8',
          timeout: 60_000,
          cwd: root,
          env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, XDG_STATE_HOME: tmp, XDG_DATA_HOME: tmp, XDG_CONFIG_HOME: tmp },
        },
      );
      return (r.stdout ?? '').trim().split('\n').filter(Boolean);
    };
    const got = run(block);
    results.push({
      name: "the documented configuration shows the sample's findings in Neovim",
      ok: JSON.stringify(got) === JSON.stringify(EXPECTED),
      detail: got.join(', '),
    });
    const declared = run(block.replace('customAttributes = {}', "customAttributes = { 'Microsoft_JobTitel' }"));
    results.push({
      name: 'a setting in the configuration applies (customAttributes)',
      ok: declared.length === EXPECTED.length - 1 && !declared.some((l) => l.endsWith('unknown-attribute')),
      detail: declared.join(', '),
    });
    const definition = run(block, 'samples/contoso-ods.csv', 'definition.lua');
    results.push({
      name: 'Go to Definition on a manager cell: the manager\u2019s row',
      ok: JSON.stringify(definition) === JSON.stringify(['2:1-2:24']),
      detail: definition.join(', '),
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return results;
}
