// Pagefind ranking for this site, shared by the search page and tools/bench_search.py.
// termFrequency 0.5 (default 1.0): many entries repeat a word (ReLU, trace) in title, aliases and
// notes; halving the weight of repetition lets the entry that is about the word win. Measured with
// tools/bench_search.py on the tests' query set: 22/22 in the top 3 against 21/22 by default.
window.MC_PAGEFIND = { ranking: { termFrequency: 0.5 } };
