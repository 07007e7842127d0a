#!/usr/bin/env python3
"""Reference outputs of splitmix64 and xoshiro128** 1.1, written independently of bench/prng.ts
from the published C code (https://prng.di.unimi.it/splitmix64.c, xoshiro128starstar.c).
Run: /usr/bin/python3 test/bench/reference/xoshiro128ss.py > test/bench/reference/xoshiro128ss.json
"""
import json

M64 = (1 << 64) - 1
M32 = (1 << 32) - 1


def splitmix64(x, count):
    out = []
    for _ in range(count):
        x = (x + 0x9E3779B97F4A7C15) & M64
        z = x
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        out.append(z ^ (z >> 31))
    return out


def rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & M32


def xoshiro128ss(s, count):
    s = list(s)
    out = []
    for _ in range(count):
        result = (rotl((s[1] * 5) & M32, 7) * 9) & M32
        t = (s[1] << 9) & M32
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 11)
        out.append(result)
    return out


def seeded_state(seed):
    a, b = splitmix64(seed, 2)
    return [a & M32, a >> 32, b & M32, b >> 32]


cases = []
for seed in [0, 42, 20240607]:
    cases.append({
        "seed": seed,
        "splitmix64": [str(v) for v in splitmix64(seed, 2)],
        "state": seeded_state(seed),
        "uint32": xoshiro128ss(seeded_state(seed), 20),
    })
print(json.dumps({
    "generator": "test/bench/reference/xoshiro128ss.py",
    "explicitState": {"state": [1, 2, 3, 4], "uint32": xoshiro128ss([1, 2, 3, 4], 20)},
    "seeded": cases,
}, indent=1))
