"""bench/RESULTS.md and bench/results.json from one run's results."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def _f(v: Any, fmt: str = "{:.2f}") -> str:
    if v is None:
        return "n/a"
    return fmt.format(v)


def goals(r: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    c, i, m = r["connection"], r["idle"], r["messages_inprocess"]
    out: list[tuple[str, str, bool | None]] = []
    for pair, limit in (("toxgui<->toxgui", 0.25), ("toxgui<->c-toxcore", 1.0)):
        for w in ("friends", "request"):
            ratio = c[pair][w]["ratio_to_ctox"]
            out.append((f"{pair} Established ({w}) <= {limit}x c-toxcore", f"{ratio:.2f}x", ratio <= limit))
    offline = max(int(k.split(", ")[1].split()[0]) for k in i if "offline" in k)
    for label, limit in (("1 friend online", 1.0), (f"{offline} friends offline", 0.5)):
        tg = i[f"toxgui, {label}"]
        cpu = tg.get("cpu_ratio_to_ctox")
        out.append((f"idle CPU, {label} <= {limit}x", f"{_f(cpu)}x", None if cpu is None else cpu <= limit))
        pk = tg.get("sent_ratio_to_ctox")
        out.append((f"idle packets sent, {label} <= {limit}x", f"{_f(pk)}x", None if pk is None else pk <= limit))
    out.append(("message RTT p50 < 1 ms (toxgui in-process)", f"{m['rtt_p50_ms']:.3f} ms", m["rtt_p50_ms"] < 1.0))
    tt = r["messages"]["toxgui<->toxgui"]["rtt_p50_ms"]
    out.append(("message RTT p50 < 1 ms (headless, through the pipes)", f"{tt:.3f} ms", tt < 1.0))
    f = r.get("files") or {}
    ref = f.get("c-toxcore->c-toxcore")
    tt_files = f.get("toxgui->toxgui")
    if ref and tt_files:
        ratio = ref["seconds"] / tt_files["seconds"]
        out.append(("file toxgui->toxgui >= 2x c-toxcore's speed (cold)", f"{ratio:.2f}x", ratio >= 2.0))
        if "warm" in ref and "warm" in tt_files:
            ratio = ref["warm"]["seconds"] / tt_files["warm"]["seconds"]
            out.append(("file toxgui->toxgui >= 1x c-toxcore's speed (warm)", f"{ratio:.2f}x", ratio >= 1.0))
    burst = r.get("messages_inprocess", {})
    if burst.get("rate_messages", 0) >= 10000:
        out.append(("10,000-message burst >= 3000 msg/s (toxgui in-process)", f"{burst['rate_msgs_per_s']:.0f}",
                    burst["rate_msgs_per_s"] >= 3000))
    for key in ("toxgui->c-toxcore", "c-toxcore->toxgui"):
        if ref and key in f:
            ratio = f[key]["seconds"] / ref["seconds"]
            out.append((f"file {key} no slower than c-toxcore->c-toxcore", f"{ratio:.2f}x time", ratio <= 1.0))
    rss = i["toxgui, 1 friend online"]["rss_mb"]
    out.append(("headless RSS < 40 MB (1 friend online)", f"{rss:.1f} MB", rss < 40.0))
    tcp = r.get("tcp_relay") or {}
    for pair, limit in (("toxgui<->toxgui", 0.3), ("toxgui<->c-toxcore", 1.0)):
        if pair in tcp:
            ratio = tcp[pair]["online_ratio_to_ctox"]
            out.append((f"UDP off, over a relay: {pair} online <= {limit}x c-toxcore", f"{ratio:.2f}x",
                        ratio <= limit))
    # tox-bootstrapd's relay forwards on its 30 ms loop (about 60 ms a round trip whatever the
    # clients do): the RTT goal is measured through a toxgui relay, which forwards at once
    key = "toxgui<->toxgui, toxgui relay"
    if key in tcp:
        rtt = tcp[key]["rtt_p50_ms"]
        out.append(("UDP off, through a toxgui relay: message RTT p50 toxgui<->toxgui <= 2 ms", f"{rtt:.2f} ms",
                    rtt <= 2.0))
    return out


ONION_LOSS = Path(__file__).resolve().parent / "onion-loss.json"


def _late(sm: dict[str, Any]) -> str:
    return f", {sm['not_online']} not online in time" if sm.get("not_online") else ""


def _loss_ref(onion_loss: dict[str, Any]) -> str:
    ref = onion_loss["summary"].get("c-toxcore<->c-toxcore")
    if not ref:
        return "not run"
    return f"median {ref['median_s']:.1f} s" + (f", {ref['not_online']} of {len(ref['samples_s'])} not online in "
                                                 f"{onion_loss['limit_s']:g} s" if ref["not_online"] else "")


def speed_goals(r: dict[str, Any], onion_loss: dict[str, Any] | None) -> list[tuple[str, str, bool | None]]:
    """The figures where toxgui aims to be well ahead of c-toxcore (the onion at 20% loss comes
    from the last `make bench-onion-loss`, a run of its own)."""
    c, i, m = r["connection"], r["idle"], r["messages_inprocess"]
    out: list[tuple[str, str, bool | None]] = []
    for w, limit_s in (("friends", 1.0), ("request", 1.5)):
        d = c["toxgui<->toxgui"][w]
        out.append((f"toxgui<->toxgui online ({w}) <= {limit_s} s", f"{d['median_s']:.2f} s ({d['ratio_to_ctox']:.2f}x)",
                    d["median_s"] <= limit_s))
    ratio = c["toxgui<->toxgui"]["friends"]["ratio_to_ctox"]
    out.append(("toxgui<->toxgui online (friends) <= 0.1x c-toxcore", f"{ratio:.3f}x", ratio <= 0.1))
    tc = c["toxgui<->c-toxcore"]["friends"]
    ratio = tc["ratio_to_ctox"]
    floor = ""
    if "announce_found_median_s" in tc:
        ref = c["c-toxcore<->c-toxcore"]["friends"]["median_s"]
        floor = (f" (the floor, c-toxcore's own announcement reaching toxgui: {tc['announce_found_median_s']:.2f} s, "
                 f"{tc['announce_found_median_s'] / ref:.2f}x)")
    out.append(("toxgui<->c-toxcore online (friends) <= 0.5x c-toxcore", f"{ratio:.2f}x{floor}", ratio <= 0.5))
    out.append(("message RTT p50 <= 0.3 ms (toxgui in-process)", f"{m['rtt_p50_ms']:.3f} ms", m["rtt_p50_ms"] <= 0.3))
    tt = r["messages"]["toxgui<->toxgui"]["rtt_p50_ms"]
    out.append(("message RTT p50 <= 0.8 ms (headless, through the pipes)", f"{tt:.3f} ms", tt <= 0.8))
    offline = max(int(k.split(", ")[1].split()[0]) for k in i if "offline" in k)
    tg, ct = i[f"toxgui, {offline} friends offline"].get("startup"), i[f"c-toxcore, {offline} friends offline"].get("startup")
    if tg and ct and ct["cpu_pct"]:
        ratio = tg["cpu_pct"] / ct["cpu_pct"]
        out.append((f"start-up CPU, {offline} friends offline, first {tg['seconds']:.0f} s <= 0.5x c-toxcore",
                    f"{tg['cpu_pct']:.2f}% vs {ct['cpu_pct']:.2f}% ({ratio:.2f}x)", ratio <= 0.5))
    rss = i["toxgui, 1 friend online"]["rss_mb"]
    out.append(("headless RSS <= 22 MB (1 friend online)", f"{rss:.1f} MB", rss <= 22.0))
    if onion_loss and "summary" in onion_loss:
        for key in ("toxgui<->toxgui", "toxgui<->c-toxcore"):
            sm = onion_loss["summary"].get(key)
            if sm:
                ok = sm["median_s"] <= 8.0 and sm["worst_s"] <= 30.0 and not sm["not_online"]
                out.append((f"{key} online at {onion_loss['loss_percent']}% loss: median <= 8 s, worst <= 30 s",
                            f"{sm['median_s']:.1f} s / {sm['worst_s']:.1f} s ({len(sm['samples_s'])} samples"
                            f"{_late(sm)}; c-toxcore<->c-toxcore {_loss_ref(onion_loss)})", ok))
    return out


def markdown(doc: dict[str, Any]) -> str:
    r = doc["results"]
    cfg = doc["config"]
    mc = doc["machine"]
    L: list[str] = []
    L.append(f"# Benchmark results ({doc['mode']} mode)\n")
    L.append(f"- date: {doc['date']}")
    L.append(f"- machine: {mc['nproc']} CPUs, {mc['cpu']}, Linux {mc['kernel']}, Python {mc['python']}"
             + (f"; load average {mc['loadavg_at_start']} at the start" if "loadavg_at_start" in mc else ""))
    L.append(f"- command: `{doc['command']}`; total {r['duration_s']:.0f} s")
    L.append("- network: one tox-bootstrapd (safe config) and every peer on 127.0.0.1 in a private network "
             "namespace; c-toxcore is Debian's libtoxcore2 0.2.18 through the interop harness peer")
    L.append(f"- c-toxcore loop: {doc['ctox_loop']}; its RTT is measured as-is")
    if doc["mode"] == "quick":
        L.append(f"- quick mode: medians of {cfg['runs']} runs (full mode: 5), idle window "
                 f"{cfg['idle_seconds']:g} s (full: 30 s), "
                 f"{cfg['rtt_samples']} RTT samples, {cfg['rate_messages']} messages for the rate")
    for n in doc["notes"]:
        L.append(f"- note: {n}")
    L.append("\n## Goals\n")
    L.append("| goal | measured | met |")
    L.append("|---|---|---|")
    for name, val, ok in goals(r):
        L.append(f"| {name} | {val} | {'yes' if ok else ('n/a' if ok is None else 'no')} |")
    onion_loss = json.loads(ONION_LOSS.read_text()) if ONION_LOSS.exists() else None
    L.append("\n## Speed goals\n")
    L.append("Where toxgui aims to be well ahead of c-toxcore. The 20% loss rows come from the last "
             "`make bench-onion-loss` (bench/onion-loss.json), a run of its own"
             + (f" ({onion_loss['date']})" if onion_loss and 'date' in onion_loss else "") + ".\n")
    L.append("| goal | measured | met |")
    L.append("|---|---|---|")
    for name, val, ok in speed_goals(r, onion_loss):
        L.append(f"| {name} | {val} | {'yes' if ok else ('n/a' if ok is None else 'no')} |")
    L.append("\n## Time from process start to friend online (UDP, both sides)\n")
    L.append("| pair | already friends: median | ratio | fresh request: median | ratio | samples (friends / request) |")
    L.append("|---|---|---|---|---|---|")
    for pair, d in r["connection"].items():
        fr, rq = d["friends"], d["request"]
        L.append(f"| {pair} | {fr['median_s']:.2f} s | {fr['ratio_to_ctox']:.2f}x | {rq['median_s']:.2f} s | "
                 f"{rq['ratio_to_ctox']:.2f}x | {fr['samples_s']} / {rq['samples_s']} |")
    tc = r["connection"].get("toxgui<->c-toxcore", {})
    if "online_after_announce_median_s" in tc.get("friends", {}):
        fr, rq = tc["friends"], tc.get("request", {})
        L.append(f"\ntoxgui<->c-toxcore: c-toxcore announces itself 3 s after its start at the earliest, and searches "
                 f"for friends only once announced; toxgui found its announcement {fr['announce_found_median_s']:.2f} s "
                 f"after the start (median; samples {fr['announce_found_s']}"
                 + (f" / {rq['announce_found_s']}" if "announce_found_s" in rq else "")
                 + f"), and the pair was online {fr['online_after_announce_median_s']:.2f} s after that (median) "
                 "(c-toxcore's 50 ms loop taking the DHT key, then the cookie and handshake).")
    L.append("\n## Messages (driven through each process's stdin/stdout)\n")
    L.append("| pair | RTT p50 | RTT p99 | ratio p50 | messages/s | ratio |")
    L.append("|---|---|---|---|---|---|")
    for pair, d in r["messages"].items():
        L.append(f"| {pair} | {d['rtt_p50_ms']:.2f} ms | {d['rtt_p99_ms']:.2f} ms | {d['rtt_p50_ratio_to_ctox']:.3f}x | "
                 f"{d['rate_msgs_per_s']:.0f} | {d['rate_ratio_to_ctox']:.2f}x |")
    files = r.get("files") or {}
    if files:
        first = next(iter(files.values()))
        L.append(f"\n## File transfers ({first['mib']} MiB; cold: the session's first, warm: right after)\n")
        L.append("| direction | cold | MB/s | ratio | warm | MB/s | ratio | CPU s/MiB sender, receiver (cold) | "
                 "chat beside it p50 / max | intact |")
        L.append("|---|---|---|---|---|---|---|---|---|---|")
        for key, d in files.items():
            c, w = d.get("cold", d), d.get("warm")
            warm = (f"{w['seconds']:.2f} s | {w['mb_per_s']:.2f} | {_f(w.get('time_ratio_to_ctox'))}x"
                    if w else "- | - | -")
            cpu = (f"{c['cpu_s_per_mib_sender']:.3f}, {c['cpu_s_per_mib_receiver']:.3f}"
                   if "cpu_s_per_mib_sender" in c else "-")
            chat = (f"{c['chat_p50_ms']:.1f} / {c['chat_max_ms']:.1f} ms ({c['chat_messages']})"
                    if c.get("chat_p50_ms") is not None else "-")
            L.append(f"| {key} | {d['seconds']:.2f} s | {d['mb_per_s']:.2f} | {_f(d.get('time_ratio_to_ctox'))}x | "
                     f"{warm} | {cpu} | {chat} | {'yes' if d['intact_size'] else 'no'} |")
        lossy = [(k, d["lossy"]) for k, d in files.items() if "lossy" in d]
        if lossy:
            L.append(f"\nAt {cfg.get('lossy_percent', 5)}% random UDP loss on the receiver's port "
                     f"({cfg.get('lossy_file_mib', 2)} MiB, {cfg.get('lossy_runs', 1)} one after another; the "
                     "median counts):\n")
            L.append("| direction | median | MB/s | ratio | samples |")
            L.append("|---|---|---|---|---|")
            for k, x in lossy:
                if "seconds" in x:
                    samples = ", ".join(f"{v:.2f}" for v in x.get("samples", [x["seconds"]]))
                    L.append(f"| {k} | {x['seconds']:.2f} s | {x['mb_per_s']:.2f} | {_f(x.get('time_ratio_to_ctox'))}x | "
                             f"{samples} s |")
                else:
                    L.append(f"| {k} | {x['unfinished']} | - | - | - |")
        L.append("\nChat beside it: messages sent one after another from the sender to the receiver during "
                 "the transfer, each timed from the command to the receiver's event. CPU: user + system "
                 "seconds of each process (the c-toxcore side is its ctypes harness process).")
    confs = r.get("conferences") or {}
    if confs:
        L.append("\n## Conferences (invite to the first message received: A invites B, B joins at once and "
                 "sends when it is a member)\n")
        L.append("| pair | median | ratio | samples |")
        L.append("|---|---|---|---|")
        for k, d in confs.items():
            L.append(f"| {k} | {d['invite_to_first_message_s'] * 1000:.0f} ms | {_f(d.get('ratio_to_ctox'))}x | "
                     f"{', '.join(f'{x * 1000:.0f}' for x in d['samples'])} ms |")
    tcp = r.get("tcp_relay") or {}
    if tcp:
        L.append("\n## UDP off: friends over a TCP relay (one tox-bootstrapd relay; befriended profiles; "
                 "start of both processes to both reporting the friend online over TCP)\n")
        L.append("The first three rows go through tox-bootstrapd's relay, which forwards on its 30 ms loop "
                 "(so about 60 ms of every round trip is the relay's); the last row goes through a toxgui relay "
                 "(`--tcp-relay-port`), which forwards as data arrives.\n")
        L.append("| pair | online, median | ratio | samples | RTT p50 | RTT p99 | RTT ratio |")
        L.append("|---|---|---|---|---|---|---|")
        for k, d in tcp.items():
            L.append(f"| {k} | {d['online_median_s']:.2f} s | {d['online_ratio_to_ctox']:.2f}x | "
                     f"{', '.join(f'{x:.2f}' for x in d['online_samples_s'])} s | {d['rtt_p50_ms']:.2f} ms | "
                     f"{d['rtt_p99_ms']:.2f} ms | {d['rtt_p50_ratio_to_ctox']:.2f}x |")
    m = r["messages_inprocess"]
    L.append(f"\ntoxgui in one process (two ToxClients on one asyncio loop, real UDP, queue persisted): "
             f"RTT p50 {m['rtt_p50_ms']:.3f} ms, p99 {m['rtt_p99_ms']:.3f} ms ({m['rtt_samples']} samples), "
             f"{m['rate_msgs_per_s']:.0f} messages/s until every receipt is back.")
    L.append("\n## Idle (per process; packets counted by nftables per UDP port)\n")
    L.append("| process | CPU % of a core | ratio | packets sent/min | ratio | received/min | RSS MB | ratio |")
    L.append("|---|---|---|---|---|---|---|---|")
    for k, d in r["idle"].items():
        L.append(f"| {k} | {d['cpu_pct']:.2f} | {_f(d.get('cpu_ratio_to_ctox'))} | {_f(d['sent_per_min'], '{:.0f}')} | "
                 f"{_f(d.get('sent_ratio_to_ctox'))} | {_f(d['recv_per_min'], '{:.0f}')} | {d['rss_mb']:.1f} | "
                 f"{_f(d.get('rss_ratio_to_ctox'))} |")
    L.append("")
    L.append("Window: all six processes at once, each pair or process on its own bootstrap node (none loads "
             f"another); it opened {cfg['offline_warmup_seconds']:g} s after they started (at least "
             f"{cfg['warmup_seconds']:g} s after the pairs were online). Start-up averages, from process start "
             "until the window opened:")
    L.append("")
    L.append("| process, start-up | seconds | CPU % | packets sent/min |")
    L.append("|---|---|---|---|")
    for k, d in r["idle"].items():
        if "startup" in d:
            st = d["startup"]
            L.append(f"| {k} | {st['seconds']:.0f} | {st['cpu_pct']:.2f} | {_f(st['sent_per_min'], '{:.0f}')} |")
    g = r["gui_memory"]
    L.append("\n## GUI memory\n")
    if "skipped" in g:
        L.append(f"Not measured: {g['skipped']}")
    else:
        L.append(f"GUI (offscreen) with {g['friends']} friends: RSS {g['rss_mb']:.1f} MB (peak {g['hwm_mb']:.1f} MB)")
    s = r["simulator"]
    L.append("\n## Simulator\n")
    if "skipped" in s:
        L.append(s["skipped"])
    else:
        L.append(f"{s['nodes']} DHT nodes for {s['virtual_s']:g} virtual s in {s['wall_s']:.1f} s wall: "
             f"{s['speedup']:.2f}x real time, {s['node_seconds_per_s']:.0f} node-seconds per wall second, "
             f"{s['datagrams_per_s']:.0f} datagrams/s, internal errors {s['internal_errors']}.")
    fz = r.get("fuzz_live")
    if fz and "skipped" not in fz:
        L.append("\n## Fuzzing a live node\n")
        L.append(f"{fz['sent']} random and mutated datagrams over UDP in {fz['wall_s']:.0f} s into a node with an "
                 f"established friend: internal errors {fz['internal_errors']}, RSS growth {fz['rss_growth_mb']:.1f} MB, "
                 f"{fz['chat_messages_after']} chat messages exchanged afterwards.")
    return "\n".join(L) + "\n"


def report_names(mode: str) -> tuple[str, str]:
    """(markdown, JSON) file names of a run: a full run keeps its own, beside the quick one's."""
    return ("RESULTS-full.md", "results-full.json") if mode == "full" else ("RESULTS.md", "results.json")


def write_reports(doc: dict[str, Any], out_dir: Path) -> None:
    md, js = report_names(doc["mode"])
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / js).write_text(json.dumps(doc, indent=2) + "\n")
    (out_dir / md).write_text(markdown(doc))
