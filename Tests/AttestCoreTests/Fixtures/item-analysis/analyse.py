"""Independent reference for ItemAnalysis: computes every figure of pack.json + attempts.json
with numpy/scipy and prints the expected JSON (python3 analyse.py > expected.json).

Definitions follow Moodle's quiz statistics report; see docs/instructor-guide.md."""
import itertools, json, os, sys
import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
pack = json.load(open(os.path.join(HERE, "pack.json")))
data = json.load(open(os.path.join(HERE, "attempts.json")))
QUIZ = "ia-exam"
questions = {q["id"]: q for q in pack["questions"]}
order = [q["id"] for q in pack["questions"]]


def guess(q):
    t = q["type"]
    if t == "single":
        return 1 / len(q["options"])
    if t == "multiple":
        flags = [o.get("correct", False) for o in q["options"]]
        k, w = sum(flags), len(flags) - sum(flags)
        scores = []
        for r in range(1, len(flags) + 1):
            for subset in itertools.combinations(range(len(flags)), r):
                s = sum(1 / k if flags[i] else -1 / w for i in subset)
                scores.append(min(1, max(0, s)))
        return float(np.mean(scores))
    if t == "true-false" or t == "ordering":
        return 0.5
    return 0.0


def none_if_nan(x):
    x = float(x)
    return None if np.isnan(x) else x


def analyse(pick):
    rows = []
    for a in data["attempts"]:
        if a["quiz"] != QUIZ or a["status"] not in ("completed", "timed-out"):
            continue
        resp = {r["question"]: r for r in a["responses"]}
        maximum = sum(resp[q]["maxPoints"] for q in a["questions"])
        earned = sum(resp[q]["points"] for q in a["questions"])
        rows.append({"a": a, "resp": resp, "total": 100 * earned / maximum, "max": maximum})
    chosen = []
    for learner in sorted({r["a"]["learner"] for r in rows}):
        mine = sorted([r for r in rows if r["a"]["learner"] == learner], key=lambda r: (r["a"]["started"], r["a"]["id"]))
        if pick == "first":
            chosen.append(mine[0])
        elif pick == "last":
            chosen.append(mine[-1])
        else:
            best = max(r["total"] for r in mine)
            chosen.append(next(r for r in mine if r["total"] == best))
    T = np.array([r["total"] for r in chosen])
    n = len(T)
    contrib = {q: np.array([100 * r["resp"][q]["points"] / r["max"] for r in chosen]) for q in order}
    score = {q: np.array([r["resp"][q]["score"] for r in chosen], dtype=float) for q in order}
    P = len(order)
    alpha = P / (P - 1) * (1 - sum(np.var(contrib[q], ddof=1) for q in order) / np.var(T, ddof=1))
    error_ratio = np.sqrt(1 - alpha)
    test = {
        "attempts": n, "submittedAttempts": len(rows), "mean": float(np.mean(T)), "median": float(np.median(T)),
        "standardDeviation": float(np.std(T, ddof=1)), "skewness": float(stats.skew(T, bias=False)),
        "kurtosis": float(stats.kurtosis(T, fisher=True, bias=False)), "alpha": float(alpha),
        "errorRatio": float(error_ratio), "standardError": float(error_ratio * np.std(T, ddof=1)),
    }
    ranked = sorted(chosen, key=lambda r: (-r["total"], r["a"]["learner"]))
    size = n // 3
    top, bottom = ranked[:size], ranked[n - size:]
    cov_total = {q: np.cov(contrib[q], T, ddof=1)[0, 1] for q in order}
    root_sum = sum(np.sqrt(c) for c in cov_total.values() if c >= 0)
    out = []
    for q in order:
        s = score[q]
        rest = T - contrib[q]
        eff = np.cov(s, rest, ddof=1)[0, 1] / np.cov(np.sort(s), np.sort(rest), ddof=1)[0, 1]
        durations = [r["resp"][q]["duration"] for r in chosen if r["resp"][q]["outcome"] == "answered"]
        item = {
            "id": q, "attempts": n, "facility": float(np.mean(s)), "standardDeviation": float(np.std(s, ddof=1)),
            "randomGuessScore": guess(questions[q]),
            "intendedWeight": float(np.mean([r["resp"][q]["maxPoints"] / r["max"] for r in chosen])),
            "effectiveWeight": float(np.sqrt(cov_total[q]) / root_sum) if cov_total[q] >= 0 else None,
            "discrimination": float(stats.pearsonr(s, rest)[0]), "discriminativeEfficiency": float(eff),
            "medianDuration": float(np.median(durations)), "options": [],
        }
        if questions[q]["type"] in ("single", "multiple"):
            def chose(r, i):
                resp = r["resp"][q]
                return resp["outcome"] == "answered" and i in resp.get("selection", [])
            for i, _ in enumerate(questions[q]["options"]):
                item["options"].append({
                    "index": i, "chosen": sum(chose(r, i) for r in chosen),
                    "topThird": float(np.mean([chose(r, i) for r in top])),
                    "bottomThird": float(np.mean([chose(r, i) for r in bottom])),
                })
        out.append(item)
    medians = [item["medianDuration"] for item in out]
    for index, item in enumerate(out):
        flags = []
        if item["discrimination"] < 0:
            flags.append("negative-discrimination")
        elif item["discrimination"] < 0.1:
            flags.append("low-discrimination")
        if item["facility"] > 0.95:
            flags.append("too-easy")
        elif item["facility"] < 0.10:
            flags.append("too-hard")
        keys = [o for o, spec in zip(item["options"], questions[item["id"]].get("options", [])) if spec.get("correct")]
        for o, spec in zip(item["options"], questions[item["id"]].get("options", [])):
            if spec.get("correct"):
                continue
            if o["chosen"] == 0:
                flags.append("unused-distractor")
            if o["topThird"] > min(k["topThird"] for k in keys):
                flags.append("distractor-beats-key")
        others = medians[:index] + medians[index + 1:]
        if item["medianDuration"] > 2 * float(np.median(others)):
            flags.append("slow")
        item["flags"] = flags
    return {"test": test, "questions": out}


json.dump({pick: analyse(pick) for pick in ("first", "last", "best")}, sys.stdout, indent=1, sort_keys=True)
print()
