"""Count scored (non-null) leaves per message, kind and carrier (not a test)."""
import json, glob, os, sys, collections
def leaves(o):
    if isinstance(o, dict): return sum(leaves(v) for v in o.values())
    if isinstance(o, list): return sum(leaves(v) for v in o)
    return 0 if o is None else 1
d = sys.argv[1]
man = {l.split("\t")[0]: l.rstrip("\n").split("\t") for l in open(os.path.join(d, "gen", "manifest.tsv"))}
tot = 0; byk = collections.Counter(); bykn = collections.Counter(); byc = collections.Counter(); bycn = collections.Counter()
for j in sorted(glob.glob(os.path.join(d, "*.json"))):
    n = os.path.basename(j)[:-5]; e = json.load(open(j)); c = leaves(e)
    tot += c; byk[e["kind"]] += c; bykn[e["kind"]] += 1
    car = man[n][2]; byc[car] += c; bycn[car] += 1
    print(f"{n}\t{e['kind']}\t{c}")
print("TOTAL", len(man), tot)
for k in byk: print("kind", k, bykn[k], byk[k])
for k in byc: print("carrier", k, bycn[k], byc[k], sep="\t")
