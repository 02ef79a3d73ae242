"""The Python module's two timing targets (issue 18), whole process, medians of REPEATS runs:
- two threads reading two documents on one engine keep both cores busy: CPU time / wall time;
- a progress callback returning False stops the call within the page in flight: the seconds
  from the callback's return to Cancelled reaching the caller.
  PYTHONPATH=build/python VANBAN_SOURCE_DIR=. python3 bench/python_api.py [REPEATS]"""
import os
import statistics
import sys
import threading
import time

import vanban

SOURCE = os.environ.get("VANBAN_SOURCE_DIR", ".")
SCANS = [os.path.join(SOURCE, "samples/scans", name) for name in ("kiengiang-2577-scan.pdf", "kiengiang-2577-clean.tif")]


def cpu_seconds():
    t = os.times()
    return t.user + t.system


def two_threads(engine):
    threads = [threading.Thread(target=engine.ocr, args=(scan,)) for scan in SCANS]
    wall, cpu = time.monotonic(), cpu_seconds()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return cpu_seconds() - cpu, time.monotonic() - wall


def cancel_latency(engine):
    returned = []

    def stop(done, pages):
        returned.append(time.monotonic())
        return False

    try:
        engine.ocr(SCANS[0], progress=stop)
    except vanban.Cancelled:
        return time.monotonic() - returned[0]
    raise AssertionError("not cancelled")


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    engine = vanban.Engine()
    engine.ocr(SCANS[1], last_page=1)  # warm: models mapped, recognisers made
    runs = [two_threads(engine) for _ in range(repeats)]
    ratios = [cpu / wall for cpu, wall in runs]
    print(f"two threads, two documents (4 pages): wall {statistics.median(w for _, w in runs):.2f} s, "
          f"CPU {statistics.median(c for c, _ in runs):.2f} s, CPU/wall median {statistics.median(ratios):.2f} "
          f"(runs: {', '.join(f'{r:.2f}' for r in ratios)}) on {os.cpu_count()} cores")
    latencies = [cancel_latency(engine) for _ in range(repeats)]
    print(f"cancel from the progress callback to vanban.Cancelled: median {statistics.median(latencies):.2f} s, "
          f"max {max(latencies):.2f} s")


if __name__ == "__main__":
    main()
