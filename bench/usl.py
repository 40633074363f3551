"""The Universal Scalability Law, fitted by least squares by hand (standard library only), and its projection.

Gunther's law gives the throughput of N workers (threads on N cores) from the throughput of one:

    X(N) = X(1) · N / (1 + σ(N − 1) + κN(N − 1))

σ (contention) is the fraction of the work that runs one at a time, behind a lock: it alone gives Amdahl's law, a
ceiling of X(1)/σ. κ (coherency) is the cost of the workers keeping each other's view of shared data up to date
(a cache line that moves from core to core at every lock handoff): it makes throughput fall again past a peak at
N = √((1 − σ)/κ).

With C(N) = X(N)/X(1), the law is linear in σ and κ:  N/C(N) − 1 = σ(N − 1) + κN(N − 1). fit() solves that by least
squares over the measured points, with σ and κ kept at zero or above. Only points with N up to the number of
cores mean anything here (more threads than cores take turns; they do not add workers). Two core counts give one
equation for two unknowns: then κ is taken as 0 (Amdahl) unless two workers were slower than one, which only κ can
explain (σ is then 1: all the work is serial, and the handoffs cost on top).
"""


def fit(points):
    """points: [(N, X(N))] with N = 1 among them. Returns dict(x1, sigma, kappa, used) or None without N = 1."""
    one = [x for n, x in points if n == 1]
    if not one or one[0] <= 0:
        return None
    x1 = one[0]
    rows = [(n - 1, n * (n - 1), n / (x / x1) - 1) for n, x in points if n > 1 and x > 0]
    if not rows:
        return dict(x1=x1, sigma=0.0, kappa=0.0, used=1)
    if len({a for a, _, _ in rows}) == 1:
        a, b, y = rows[0][0], rows[0][1], sum(r[2] for r in rows) / len(rows)
        sigma = min(max(y / a, 0.0), 1.0)
        kappa = max((y - sigma * a) / b, 0.0)
        return dict(x1=x1, sigma=sigma, kappa=kappa, used=1 + len(rows))
    saa = sum(a * a for a, _, _ in rows)
    sbb = sum(b * b for _, b, _ in rows)
    sab = sum(a * b for a, b, _ in rows)
    say = sum(a * y for a, _, y in rows)
    sby = sum(b * y for _, b, y in rows)
    det = saa * sbb - sab * sab
    sigma = (say * sbb - sby * sab) / det if det else 0.0
    kappa = (sby * saa - say * sab) / det if det else 0.0
    if kappa < 0:
        sigma, kappa = max(say / saa, 0.0), 0.0
    elif sigma < 0:
        sigma, kappa = 0.0, max(sby / sbb, 0.0)
    return dict(x1=x1, sigma=sigma, kappa=kappa, used=1 + len(rows))


def throughput(model, n):
    """X(N) by the fitted law."""
    return model["x1"] * n / (1 + model["sigma"] * (n - 1) + model["kappa"] * n * (n - 1))


def peak(model):
    """The N where the law's throughput is highest, or None if it never turns down (κ = 0)."""
    if model["kappa"] <= 0:
        return None
    return ((1 - model["sigma"]) / model["kappa"]) ** 0.5
