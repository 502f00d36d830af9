"""Scores texts with a peer sentiment tool, for convqa's evaluation and benchmark.

Usage: peer.py TOOL IN.jsonl OUT.jsonl [--max-seconds S]
TOOL is snownlp (Chinese; score = P(positive) in [0, 1]) or vader (English;
score = VADER's compound in [-1, 1]). IN has one {"id": ..., "text": ...} per
line; OUT gets {"id": ..., "score": ...} per line, in order. The last line on
stdout is a JSON summary: texts, bytes (UTF-8), seconds spent scoring (model
loading excluded), and the tool's version.
"""
import json
import sys
import time
from importlib import metadata


def scorer(tool):
    if tool == "snownlp":
        from snownlp import SnowNLP

        def score(text):
            # SnowNLP fails on text with no characters it can segment.
            try:
                return SnowNLP(text).sentiments if text.strip() else 0.5
            except Exception:
                return 0.5

        score("预热")  # load the model before the clock starts
        return score, metadata.version("snownlp")
    if tool == "vader":
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        analyzer = SentimentIntensityAnalyzer()
        return (lambda text: analyzer.polarity_scores(text)["compound"]), metadata.version("vaderSentiment")
    raise SystemExit(f"unknown tool {tool!r}: want snownlp or vader")


def main(argv):
    if len(argv) not in (4, 6):
        raise SystemExit(__doc__)
    tool, src, dst = argv[1], argv[2], argv[3]
    max_seconds = float(argv[5]) if len(argv) == 6 and argv[4] == "--max-seconds" else 0
    score, version = scorer(tool)
    texts = nbytes = 0
    spent = 0.0
    with open(src, encoding="utf-8") as fin, open(dst, "w", encoding="utf-8") as fout:
        for line in fin:
            item = json.loads(line)
            start = time.perf_counter()
            s = score(item["text"])
            spent += time.perf_counter() - start
            fout.write(json.dumps({"id": item["id"], "score": s}) + "\n")
            texts += 1
            nbytes += len(item["text"].encode("utf-8"))
            if max_seconds and spent >= max_seconds:
                break
    print(json.dumps({"tool": tool, "version": version, "texts": texts, "bytes": nbytes, "seconds": spent}))


if __name__ == "__main__":
    main(sys.argv)
