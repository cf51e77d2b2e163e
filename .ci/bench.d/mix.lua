-- A mix of what readers do: read articles, search (page and API), post the finder
-- without JavaScript. Counts answers by status; 400/404/413 are intended answers to
-- bad input, anything else outside 2xx/304 is an error.
local paths = {
  { "GET", "/articles/cbt" },
  { "GET", "/articles/exposure-therapy" },
  { "GET", "/articles/person-centred-therapy" },
  { "GET", "/articles/integrative-vs-eclectic" },
  { "GET", "/" },
  { "GET", "/search?q=family+therapy" },
  { "GET", "/search?q=integrativ" },
  { "GET", "/api/v1/search?q=cognitive" },
  { "GET", "/api/v1/search?q=exposure" },
  { "POST", "/preferences" },
}
local form = "r.who-chooses-topics=2&r.strong-feelings=-1&r.now-or-then=1&c.format=video"
counts = {}
local i = 0

function setup(thread)
  thread:set("id", tostring(math.random(1, 1000000)))
  table.insert(threads, thread)
end

threads = {}

function init(args)
  counts = {}
  i = math.random(0, #paths - 1)
end

function request()
  i = (i % #paths) + 1
  local p = paths[i]
  if p[1] == "POST" then
    return wrk.format("POST", p[2], { ["Content-Type"] = "application/x-www-form-urlencoded" }, form)
  end
  return wrk.format("GET", p[2])
end

function response(status, headers, body)
  local key = tostring(status)
  counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local c = t:get("counts")
    for k, v in pairs(c) do total[k] = (total[k] or 0) + v end
  end
  local keys = {}
  for k in pairs(total) do table.insert(keys, k) end
  table.sort(keys)
  local parts = {}
  for _, k in ipairs(keys) do table.insert(parts, k .. "=" .. total[k]) end
  io.write("STATUS " .. table.concat(parts, " ") .. "\n")
  io.write(string.format("RESULT rps=%.0f p50=%.2f p99=%.2f max=%.2f errors=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
