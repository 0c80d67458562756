-- Go for TS in Neovim 0.7 or later, without plugins: put this file in
-- ~/.config/nvim/plugin/ (or :luafile it). It starts `go-for-ts lsp --stdio`
-- for Go buffers and attaches every Go buffer to that one server.
-- Set vim.g.go_for_ts_cmd to run another command (e.g. {'node', '/path/to/out/cli.js', 'lsp', '--stdio'}).
local client_id = nil

local function attach_go_for_ts(bufnr)
  if not client_id or vim.lsp.get_client_by_id(client_id) == nil then
    client_id = vim.lsp.start_client({
      name = 'go-for-ts',
      cmd = vim.g.go_for_ts_cmd or { 'go-for-ts', 'lsp', '--stdio' },
      root_dir = vim.fn.getcwd(),
      -- The same settings as VS Code's "goForTs.*", e.g. rules = { ['context-first'] = 'error' }.
      settings = { goForTs = vim.g.go_for_ts_settings or {} },
    })
  end
  if client_id then
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'go',
  callback = function(args)
    attach_go_for_ts(args.buf)
  end,
})
