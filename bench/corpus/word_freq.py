"""Count word frequencies of many text files in parallel (a quick script)."""
import collections
import multiprocessing
import sys
from pathlib import Path


def count_words(path):
    return collections.Counter(Path(path).read_text(errors="ignore").lower().split())


files = [str(p) for p in Path(sys.argv[1] if len(sys.argv) > 1 else ".").rglob("*.txt")]
pool = multiprocessing.Pool(4)  # expect: LS3
total = collections.Counter()
for counter in pool.imap_unordered(count_words, files, chunksize=8):
    total.update(counter)
pool.close()
pool.join()
for word, n in total.most_common(20):
    print(f"{n:8d} {word}")
