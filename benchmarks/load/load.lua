-- wrk script for every scenario of the load harness (run.sh passes the arguments after "--").
--
--   wrk ... -s load.lua <url> -- <mode> <rate> <threads> <label>
--     mode     get     the request wrk builds from the URL and -H headers, unchanged
--              events  POST {"type":"bench.tick","id":"evt_<label>_<thread>_<n>","data":{"n":n}},
--                      every request with a new event id (a counter per thread)
--              pixel   POST {"n":"pageview","u":"https://bench.example/p/<n mod 200>","d":"bench.example"}
--                      as text/plain (what navigator.sendBeacon sends), 200 pages in turn
--              usage   POST {"feature":"api_calls","quantity":1} with the keys of a file (one per line,
--                      the 5th argument) in turn, so each connection spreads over many workspaces
--     rate     0 for as fast as the connections go; otherwise the total requests/s to pace to
--     threads  the -t value, to split the rate between wrk's threads
--     label    part of the event ids, different for every run so no id repeats within a workspace
--
-- Pacing (plain wrk has no rate option and wrk2 is not packaged by Debian): delay() hands each
-- request a send slot from a per-thread schedule, one slot every threads/rate seconds, and returns
-- the milliseconds until that slot (wrk waits that long before writing the request). A slot already
-- past is sent at once, so a connection that fell behind catches up, but the schedule never runs
-- more than one second ahead of a backlog. wrk times a request from its write, not from its slot,
-- so a stall that delays sends is not charged to latency (coordinated omission, which wrk2 corrects).
--
-- Every response that is not 2xx is counted and the first one kept; done() prints one RESULT line
-- (and a SAMPLE line for a non-2xx) that run.sh reads.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } load_timespec;
int clock_gettime(int clock_id, load_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("load_timespec")

local function now_ms()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
    return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

-- main state: one entry per wrk thread, to add up their counters in done()
local threads = {}

function setup(thread)
    table.insert(threads, thread)
    thread:set("thread_no", #threads)
end

function init(args)
    mode = args[1] or "get"
    local rate = tonumber(args[2] or "0") or 0
    local nthreads = tonumber(args[3] or "1") or 1
    label = args[4] or "load"
    ok2xx = 0
    non2xx = 0
    seq = 0
    if rate > 0 then
        interval_ms = 1000 * nthreads / rate
    else
        delay = nil      -- wrk then sends back to back, without a timer per request
    end
    if mode == "pixel" then
        request = pixel_request
    elseif mode == "usage" then
        usage_keys = {}
        for line in io.lines(args[5]) do
            if line ~= "" then
                table.insert(usage_keys, line)
            end
        end
        request = usage_request
    elseif mode ~= "events" then
        request = nil    -- wrk then reuses the request it built once from the command line
    end
end

function request()
    seq = seq + 1
    local id = string.format("evt_%s_%d_%d", label, thread_no, seq)
    local body = '{"type":"bench.tick","id":"' .. id .. '","data":{"n":' .. seq .. '}}'
    return wrk.format("POST", nil, nil, body)
end

function pixel_request()
    seq = seq + 1
    local body = '{"n":"pageview","u":"https://bench.example/p/' .. (seq % 200) .. '","d":"bench.example"}'
    return wrk.format("POST", nil, nil, body)
end

function usage_request()
    seq = seq + 1
    local key = usage_keys[(seq + thread_no) % #usage_keys + 1]
    return wrk.format("POST", nil, {["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json"},
        '{"feature":"api_calls","quantity":1}')
end

function delay()
    local now = now_ms()
    if next_slot == nil or next_slot < now - 1000 then
        next_slot = now
    end
    local wait = next_slot - now
    next_slot = next_slot + interval_ms
    if wait < 0 then
        return 0
    end
    return math.floor(wait + 0.5)
end

function response(status, headers, body)
    if status >= 200 and status < 300 then
        ok2xx = ok2xx + 1
    else
        non2xx = non2xx + 1
        if sample == nil then
            sample = status .. " " .. string.sub(body or "", 1, 300)
        end
    end
end

function done(summary, latency, requests)
    local ok, bad, first = 0, 0, nil
    for _, thread in ipairs(threads) do
        ok = ok + (thread:get("ok2xx") or 0)
        bad = bad + (thread:get("non2xx") or 0)
        first = first or thread:get("sample")
    end
    local e = summary.errors
    io.write(string.format(
        "RESULT requests=%d duration_us=%d ok2xx=%d non2xx=%d connect=%d read=%d write=%d timeout=%d "
            .. "p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%d\n",
        summary.requests, summary.duration, ok, bad, e.connect, e.read, e.write, e.timeout,
        math.floor(latency:percentile(50)), math.floor(latency:percentile(90)),
        math.floor(latency:percentile(99)), math.floor(latency.max), math.floor(latency.mean)))
    if first ~= nil then
        io.write("SAMPLE " .. string.gsub(first, "[\r\n]", " ") .. "\n")
    end
end
