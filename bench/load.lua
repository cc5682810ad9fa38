-- wrk script: one request template per line of the file in BENCH_REQUESTS, as
--   session <TAB> method <TAB> path <TAB> cookie header <TAB> body (may be empty)
-- Each wrk thread takes every n-th session of the file (n threads), and goes through its lines
-- in order, so one session's requests come in the file's order (the booking
-- POST moves a conversation to its second time, then back). SUBMISSIONKEY in a body becomes a
-- fresh one-time key for every request (app/idempotency.py).
local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  thread:set("count", 0)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local total = tonumber(os.getenv("BENCH_THREADS") or "1")
  local mine = (tonumber(id) - 1) % total
  -- Sessions go to threads by their rank among the file's sessions, so every thread has some
  -- and no session is driven by two threads at once.
  local all, rank, ranks = {}, {}, 0
  for line in io.lines(os.getenv("BENCH_REQUESTS")) do
    local session, method, path, cookie, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t?(.*)$")
    if session then
      if rank[session] == nil then
        rank[session] = ranks
        ranks = ranks + 1
      end
      table.insert(all, {session = session, method = method, path = path, cookie = cookie, body = body})
    end
  end
  lines = {}
  for _, r in ipairs(all) do
    if rank[r.session] % total == mine then
      table.insert(lines, r)
    end
  end
  if #lines == 0 then
    -- Fewer sessions than threads (the bare route has one line, and no session): take them all.
    lines = all
  end
  index = 0
  math.randomseed(os.time() + tonumber(id) * 7919)
end

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
local function key()
  local out = {}
  for i = 1, 24 do
    local n = math.random(1, #alphabet)
    out[i] = alphabet:sub(n, n)
  end
  return table.concat(out)
end

function request()
  if tonumber(id) == 1 and not verified then
    -- wrk calls request() once on the first thread's state to check the script (the answer is
    -- never sent): give it a stand-in, so the first session's turn is not lost and its
    -- conversation keeps moving to the other time, never to the one it has.
    verified = true
    return wrk.format("GET", "/healthz")
  end
  index = index % #lines + 1
  local r = lines[index]
  local headers = {Cookie = r.cookie, ["Accept-Encoding"] = "br, gzip"}
  if r.method == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    return wrk.format("POST", r.path, headers, (r.body:gsub("SUBMISSIONKEY", key())))
  end
  return wrk.format("GET", r.path, headers)
end

-- The first few refused or failed answers, to stderr (bench/run.py keeps them with the figures).
local reported = 0
function response(status, headers, body)
  if os.getenv("BENCH_DEBUG") and status == 302 then io.stderr:write("302 -> " .. (headers["Location"] or "") .. "\n") end
  if status >= 400 and reported < 3 then
    reported = reported + 1
    local r = lines[index]
    io.stderr:write(string.format("%d %s %s\n", status, r and r.method or "?", r and r.path or "?"))
    if os.getenv("BENCH_DEBUG") then io.stderr:write(body) end
  end
end
