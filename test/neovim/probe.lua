-- Test driver (test/neovim/neovim.test.ts): loads go-for-ts.lua as a user would,
-- opens the Go file given on the command line, waits for the server's diagnostics,
-- asks for a hover on the first one, writes both as JSON to $GO_FOR_TS_NVIM_OUT, quits.
local out = os.getenv('GO_FOR_TS_NVIM_OUT')
local result = { diagnostics = {}, hover = vim.NIL, error = vim.NIL }

local function finish()
  local file = io.open(out, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  vim.g.go_for_ts_cmd = { os.getenv('GO_FOR_TS_NODE'), os.getenv('GO_FOR_TS_CLI'), 'lsp', '--stdio' }
  vim.cmd('luafile ' .. os.getenv('GO_FOR_TS_LUA'))
  vim.cmd('set filetype=go') -- -u NONE: no filetype detection, so say it
  local bufnr = vim.api.nvim_get_current_buf()
  local arrived = vim.wait(15000, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 50)
  if not arrived then
    error('no diagnostics within 15 s')
  end
  local diagnostics = vim.diagnostic.get(bufnr)
  for _, d in ipairs(diagnostics) do
    table.insert(result.diagnostics, {
      lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity,
      source = d.source, code = d.code, message = d.message,
    })
  end
  -- Hover where the first diagnostic starts (the cursor takes byte columns;
  -- make_position_params converts to the server's UTF-16).
  vim.api.nvim_win_set_cursor(0, { diagnostics[1].lnum + 1, diagnostics[1].col })
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', vim.lsp.util.make_position_params(), 10000)
  for _, response in pairs(responses or {}) do
    if response.result and response.result.contents then
      result.hover = response.result.contents.value
    end
  end
end)
if not ok then
  result.error = tostring(err)
end
finish()
