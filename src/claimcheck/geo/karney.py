"""Karney's geodesics over numpy arrays: GeographicLib's own Python code, one array at a time.

GeographicLib's Python port solves one geodesic per call (30–110 µs); this is the same code,
statement for statement, with each scalar an array, so a call of hundreds of geodesics costs
a few dozen numpy operations per step instead of a Python call per geodesic, and needs no
library but numpy (which a command building regions has loaded already) where pyproj took
~40 ms to import. Only the common branch of the inverse problem is written out: the start of
Newton's method away from the nearly antipodal case, and Newton's steps. Any geodesic outside
it (meridional, equatorial, nearly antipodal, shorter than ~0.2 m, at a pole or at ±180°, or
one whose Newton step would fall back to bisection) is solved by GeographicLib's scalar code,
which is that same algorithm's other branches: there is one algorithm, never an approximation
of it. tests/test_geodesic.py holds all three implementations to agreeing on all of Karney's
GeodTest-short to the nanometre.

References are to geographiclib.geodesic.Geodesic (`_GenInverse`, `_InverseStart`,
`_Lambda12`, `_Lengths`) and geographiclib.geodesicline.GeodesicLine (`__init__`,
`_GenPosition`), version 2.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from geographiclib.geodesic import Geodesic

Array = Any  # a float64 numpy array (numpy's own annotations cost more than they tell here)

_G = Geodesic.WGS84
_F, _F1, _EP2, _N, _B = _G.f, _G._f1, _G._ep2, _G._n, _G._b
_A3X, _C3X = list(_G._A3x), list(_G._C3x)
_ETOL2 = _G._etol2
_TINY, _TOL0, _MAXIT1 = Geodesic.tiny_, Geodesic.tol0_, Geodesic.maxit1_
_INVERSE_MASK = Geodesic.DISTANCE | Geodesic.AZIMUTH
_DIRECT_MASK = Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.AZIMUTH
#: the series' coefficients, as GeographicLib's _A1m1f, _C1f, _C1pf, _A2m1f and _C2f hold them
_A1_COEFF = (1, 4, 64, 0, 256)
_C1_COEFF = (-1, 6, -16, 32, -9, 64, -128, 2048, 9, -16, 768, 3, -5, 512, -7, 1280, -7, 2048)
_C1P_COEFF = (205, -432, 768, 1536, 4005, -4736, 3840, 12288, -225, 116, 384, -7173, 2695,
              7680, 3467, 7680, 38081, 61440)  # fmt: skip
_A2_COEFF = (-11, -28, -192, 0, 256)
_C2_COEFF = (1, 2, 16, 32, 35, 64, 384, 2048, 15, 80, 768, 7, 35, 512, 63, 1280, 77, 2048)
_ORDER = Geodesic.GEOGRAPHICLIB_GEODESIC_ORDER


def _polyval(n: int, p: Any, s: int, x: Array) -> Array:
    y = x * 0.0 + float(p[s])
    for k in range(s + 1, s + n + 1):
        y = y * x + p[k]
    return y


def _norm(x: Array, y: Array) -> tuple[Array, Array]:
    r = np.hypot(x, y)
    return x / r, y / r


def _remainder(x: Array) -> Array:
    """x reduced to [-180, 180] (ties are left to the callers, which fix their sign)."""
    y = np.fmod(x, 360.0)
    return np.where(y > 180.0, y - 360.0, np.where(y < -180.0, y + 360.0, y))


def _ang_normalize(x: Array) -> Array:
    y = _remainder(x)
    return np.where(np.abs(y) == 180.0, np.copysign(180.0, x), y)


def _ang_round(x: Array) -> Array:
    z = 1 / 16.0
    y = np.abs(x)
    return np.copysign(np.where(y < z, z - (z - y), y), x)


def _sum(u: Array, v: Array) -> tuple[Array, Array]:
    s = u + v
    up = s - v
    vpp = s - up
    up = up - u
    vpp = vpp - v
    return s, np.where(s == 0, s, 0.0 - (up + vpp))


def _ang_diff(x: Array, y: Array) -> tuple[Array, Array]:
    d, t = _sum(_remainder(-x), _remainder(y))
    d, t = _sum(_remainder(d), t)
    fix = (d == 0) | (np.abs(d) == 180.0)
    return np.where(fix, np.copysign(d, np.where(t == 0, y - x, -t)), d), t


def _quadrant(q: Array, s: Array, c: Array, x: Array) -> tuple[Array, Array]:
    q = np.mod(q, 4).astype(np.intp)
    s, c = np.choose(q, (s, c, -s, -c)), np.choose(q, (c, -s, -c, s))
    c = c + 0.0
    return np.where(s == 0, np.copysign(s, x), s), c


def _sincosd(x: Array) -> tuple[Array, Array]:
    r = np.fmod(x, 360.0)
    q = np.where(np.isnan(r), 0.0, np.round(r / 90.0))
    r = np.radians(r - 90.0 * q)
    return _quadrant(q, np.sin(r), np.cos(r), x)


def _sincosde(x: Array, t: Array) -> tuple[Array, Array]:
    q = np.where(np.isfinite(x), np.round(x / 90.0), 0.0)
    r = np.radians(_ang_round((x - 90.0 * q) + t))
    return _quadrant(q, np.sin(r), np.cos(r), x)


def _atan2d(y: Array, x: Array) -> Array:
    swap = np.abs(y) > np.abs(x)
    x, y = np.where(swap, y, x), np.where(swap, x, y)
    q = swap * 2 + (x < 0)
    x = np.where(x < 0, -x, x)  # not abs: -0.0 stays, as in Math.atan2d
    ang = np.degrees(np.arctan2(y, x))
    return np.choose(q, (ang, np.copysign(180.0, y) - ang, 90.0 - ang, -90.0 + ang))


def _series(sinp: bool, sinx: Array, cosx: Array, c: list[Array]) -> Array:
    """Clenshaw summation (Geodesic._SinCosSeries); c[0] is a placeholder, as there."""
    k = len(c)
    n = k - sinp
    ar = 2 * (cosx - sinx) * (cosx + sinx)
    y1: Any = 0
    if n & 1:
        k -= 1
        y0 = c[k]
    else:
        y0 = 0
    n = n // 2
    while n:
        n -= 1
        k -= 1
        y1 = ar * y0 - y1 + c[k]
        k -= 1
        y0 = ar * y1 - y0 + c[k]
    return 2 * sinx * cosx * y0 if sinp else cosx * (y0 - y1)


def _a1m1(eps: Array) -> Array:
    m = _ORDER // 2
    t = _polyval(m, _A1_COEFF, 0, eps * eps) / _A1_COEFF[m + 1]
    return (t + eps) / (1 - eps)


def _a2m1(eps: Array) -> Array:
    m = _ORDER // 2
    t = _polyval(m, _A2_COEFF, 0, eps * eps) / _A2_COEFF[m + 1]
    return (t - eps) / (1 + eps)


def _coefficients(coeff: Any, eps: Array) -> list[Array]:
    """C1, C1' or C2 (Geodesic._C1f etc.): [placeholder, c1 .. c6]."""
    eps2 = eps * eps
    d = eps
    o = 0
    c: list[Array] = [eps * 0.0]
    for order in range(1, _ORDER + 1):
        m = (_ORDER - order) // 2
        c.append(d * _polyval(m, coeff, o, eps2) / coeff[o + m + 1])
        o += m + 2
        d = d * eps
    return c


def _a3(eps: Array) -> Array:
    return _polyval(_ORDER - 1, _A3X, 0, eps)


def _c3(eps: Array) -> list[Array]:
    mult: Any = 1
    o = 0
    c: list[Array] = [eps * 0.0]
    for order in range(1, _ORDER):
        m = _ORDER - order - 1
        mult = mult * eps
        c.append(mult * _polyval(m, _C3X, o, eps))
        o += m + 1
    return c


def _reduced_length(
    eps: Array, sig12: Array, ssig1: Array, csig1: Array, dn1: Array,
    ssig2: Array, csig2: Array, dn2: Array,
) -> Array:  # fmt: skip
    """m12 / b: Geodesic._Lengths with the REDUCEDLENGTH mask alone."""
    a1 = _a1m1(eps)
    c1 = _coefficients(_C1_COEFF, eps)
    a2 = _a2m1(eps)
    c2 = _coefficients(_C2_COEFF, eps)
    m0x = a1 - a2
    a2 = 1 + a2
    a1 = 1 + a1
    c2 = [c2[0], *(a1 * c1[k] - a2 * c2[k] for k in range(1, _ORDER)), c2[_ORDER]]
    j12 = m0x * sig12 + (_series(True, ssig2, csig2, c2) - _series(True, ssig1, csig1, c2))
    return dn2 * (csig1 * ssig2) - dn1 * (ssig1 * csig2) - csig1 * csig2 * j12


def _distance(
    eps: Array, sig12: Array, ssig1: Array, csig1: Array, ssig2: Array, csig2: Array
) -> Array:
    """s12 / b: Geodesic._Lengths with the DISTANCE mask alone."""
    a1 = 1 + _a1m1(eps)
    c1 = _coefficients(_C1_COEFF, eps)
    b1 = _series(True, ssig2, csig2, c1) - _series(True, ssig1, csig1, c1)
    return a1 * (sig12 + b1)


def _lambda12(
    sbet1: Array, cbet1: Array, dn1: Array, sbet2: Array, cbet2: Array, dn2: Array,
    salp1: Array, calp1: Array, slam120: Array, clam120: Array,
) -> tuple[Array, ...]:  # fmt: skip
    """Geodesic._Lambda12 without its derivative (`_dlam12`); sbet1 is never 0 here."""
    salp0 = salp1 * cbet1
    calp0 = np.hypot(calp1, salp1 * sbet1)
    ssig1 = sbet1
    somg1 = salp0 * sbet1
    csig1 = comg1 = calp1 * cbet1
    ssig1, csig1 = _norm(ssig1, csig1)
    salp2 = np.where(cbet2 != cbet1, salp0 / cbet2, salp1)
    under = np.where(cbet1 < -sbet1, (cbet2 - cbet1) * (cbet1 + cbet2),
                     (sbet1 - sbet2) * (sbet1 + sbet2))  # fmt: skip
    calp2 = np.where(
        (cbet2 != cbet1) | (np.abs(sbet2) != -sbet1),
        np.sqrt((calp1 * cbet1) * (calp1 * cbet1) + under) / cbet2,
        np.abs(calp1),
    )
    ssig2 = sbet2
    somg2 = salp0 * sbet2
    csig2 = comg2 = calp2 * cbet2
    ssig2, csig2 = _norm(ssig2, csig2)
    sig12 = np.arctan2(np.maximum(0.0, csig1 * ssig2 - ssig1 * csig2) + 0.0,
                       csig1 * csig2 + ssig1 * ssig2)  # fmt: skip
    somg12 = np.maximum(0.0, comg1 * somg2 - somg1 * comg2) + 0.0
    comg12 = comg1 * comg2 + somg1 * somg2
    eta = np.arctan2(somg12 * clam120 - comg12 * slam120, comg12 * clam120 + somg12 * slam120)
    k2 = calp0 * calp0 * _EP2
    eps = k2 / (2 * (1 + np.sqrt(1 + k2)) + k2)
    c3 = _c3(eps)
    b312 = _series(True, ssig2, csig2, c3) - _series(True, ssig1, csig1, c3)
    domg12 = -_F * _a3(eps) * salp0 * (sig12 + b312)
    lam12 = eta + domg12
    return lam12, salp2, calp2, sig12, ssig1, csig1, ssig2, csig2, eps


def _dlam12(
    eps: Array, sig12: Array, ssig1: Array, csig1: Array, dn1: Array, ssig2: Array,
    csig2: Array, dn2: Array, calp2: Array, cbet2: Array, sbet1: Array,
) -> Array:  # fmt: skip
    """The derivative Geodesic._Lambda12 returns with `diffp`, worked out only for the
    geodesics that take a Newton step (the scalar code works it out and drops it otherwise)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        m12b = _reduced_length(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2)
        return np.where(calp2 == 0, -2 * _F1 * dn1 / sbet1, m12b * (_F1 / (calp2 * cbet2)))


def _inverse_common(
    lat1: Array, lon1: Array, lat2: Array, lon2: Array
) -> tuple[Array, Array, Array, Array]:
    """(s12, azi1, azi2, solved): the common branch of Geodesic._GenInverse; where `solved`
    is False the other values mean nothing, and the scalar code answers instead."""
    lon12, lon12s = _ang_diff(lon1, lon2)
    lonsign = np.copysign(1.0, lon12)
    lon12 = lonsign * lon12
    lon12s = lonsign * lon12s
    slam12, clam12 = _sincosde(lon12, lon12s)
    lat1 = _ang_round(lat1)
    lat2 = _ang_round(lat2)
    swapp = np.where(np.abs(lat1) < np.abs(lat2), -1.0, 1.0)
    lonsign = lonsign * swapp
    lat1, lat2 = np.where(swapp < 0, lat2, lat1), np.where(swapp < 0, lat1, lat2)
    latsign = np.copysign(1.0, -lat1)
    lat1 = lat1 * latsign
    lat2 = lat2 * latsign
    sbet1, cbet1 = _sincosd(lat1)
    sbet1, cbet1 = _norm(sbet1 * _F1, cbet1)
    cbet1 = np.maximum(_TINY, cbet1)
    sbet2, cbet2 = _sincosd(lat2)
    sbet2, cbet2 = _norm(sbet2 * _F1, cbet2)
    cbet2 = np.maximum(_TINY, cbet2)
    south = cbet1 < -sbet1
    sbet2 = np.where(south & (cbet2 == cbet1), np.copysign(sbet1, sbet2), sbet2)
    cbet2 = np.where(~south & (np.abs(sbet2) == -sbet1), cbet1, cbet2)
    dn1 = np.sqrt(1 + _EP2 * sbet1 * sbet1)
    dn2 = np.sqrt(1 + _EP2 * sbet2 * sbet2)
    # Geodesic._InverseStart, its short-line and general starts (the astroid's is scalar)
    sbet12 = sbet2 * cbet1 - cbet2 * sbet1
    cbet12 = cbet2 * cbet1 + sbet2 * sbet1
    sbet12a = sbet2 * cbet1
    sbet12a = sbet12a + cbet2 * sbet1
    lam12 = np.radians(lon12)
    shortline = (cbet12 >= 0) & (sbet12 < 0.5) & (cbet2 * lam12 < 0.5)
    sbetm2 = (sbet1 + sbet2) * (sbet1 + sbet2)
    sbetm2 = sbetm2 / (sbetm2 + (cbet1 + cbet2) * (cbet1 + cbet2))
    dnm = np.sqrt(1 + _EP2 * sbetm2)
    omg12 = lam12 / (_F1 * dnm)
    somg12 = np.where(shortline, np.sin(omg12), slam12)
    comg12 = np.where(shortline, np.cos(omg12), clam12)
    salp1 = cbet2 * somg12
    with np.errstate(divide="ignore", invalid="ignore"):
        calp1 = np.where(
            comg12 >= 0,
            sbet12 + cbet2 * sbet1 * somg12 * somg12 / (1 + comg12),
            sbet12a - cbet2 * sbet1 * somg12 * somg12 / (1 - comg12),
        )
    ssig12 = np.hypot(salp1, calp1)
    csig12 = sbet1 * sbet2 + cbet1 * cbet2 * comg12
    common = (
        (lat1 != -90.0)
        & (slam12 != 0)
        & (sbet1 != 0)
        & ~(shortline & (ssig12 < _ETOL2))
        & ((csig12 >= 0) | (ssig12 >= 6 * abs(_N) * math.pi * cbet1 * cbet1))
        & (salp1 > 0)
    )
    with np.errstate(invalid="ignore"):
        salp1, calp1 = _norm(salp1, calp1)
    # Newton's method on alp1 (Geodesic._GenInverse's loop), each geodesic until it converges
    out = [np.zeros_like(lat1) for _ in range(8)]
    active = np.flatnonzero(common)
    tripn = np.zeros(active.size, dtype=bool)
    numit = 0
    while active.size:
        sb1, cb1, d1, cb2, s1, c1 = (x[active] for x in (sbet1, cbet1, dn1, cbet2, salp1, calp1))
        found = _lambda12(
            sb1, cb1, d1, sbet2[active], cb2, dn2[active], s1, c1, slam12[active],
            clam12[active],
        )  # fmt: skip
        v = found[0]
        done = ~(np.abs(v) >= np.where(tripn, 8.0, 1.0) * _TOL0)
        for slot, value in zip(out, found[1:], strict=True):
            slot[active[done]] = value[done]
        numit += 1
        step = np.flatnonzero(~done)
        if numit >= _MAXIT1:  # Newton has had its turns: bisection's, the scalar code's
            common[active[step]] = False
            break
        _lam, _s2, calp2, sig12, ssig1, csig1, ssig2, csig2, eps = (x[step] for x in found)
        dv = _dlam12(
            eps, sig12, ssig1, csig1, d1[step], ssig2, csig2, dn2[active][step], calp2,
            cb2[step], sb1[step],
        )  # fmt: skip
        v, s1, c1 = v[step], s1[step], c1[step]
        with np.errstate(divide="ignore", invalid="ignore"):
            dalp1 = np.where(dv > 0, -v / dv, np.nan)
        sdalp1, cdalp1 = np.sin(dalp1), np.cos(dalp1)
        nsalp1 = s1 * cdalp1 + c1 * sdalp1
        newton = (np.abs(dalp1) < math.pi) & (nsalp1 > 0)
        # a step Newton cannot take is bisection's: the scalar code takes it
        common[active[step[~newton]]] = False
        ns, nc = _norm(nsalp1[newton], c1[newton] * cdalp1[newton] - s1[newton] * sdalp1[newton])
        moved = active[step[newton]]
        salp1[moved], calp1[moved] = ns, nc
        tripn = (np.abs(v) <= 16 * _TOL0)[newton]
        active = moved
    salp2, calp2, sig12, ssig1, csig1, ssig2, csig2, eps = out
    s12 = 0.0 + _distance(eps, sig12, ssig1, csig1, ssig2, csig2) * _B
    salp1, salp2 = np.where(swapp < 0, salp2, salp1), np.where(swapp < 0, salp1, salp2)
    calp1, calp2 = np.where(swapp < 0, calp2, calp1), np.where(swapp < 0, calp1, calp2)
    salp1, calp1 = salp1 * (swapp * lonsign), calp1 * (swapp * latsign)
    salp2, calp2 = salp2 * (swapp * lonsign), calp2 * (swapp * latsign)
    return s12, _atan2d(salp1, calp1), _atan2d(salp2, calp2), common


def inverse(
    lat1: list[float], lon1: list[float], lat2: list[float], lon2: list[float]
) -> tuple[list[float], list[float], list[float]]:
    """(distances m, forward azimuths at the starts, at the ends), raw degrees, as
    Geodesic.Inverse gives them."""
    columns = [np.asarray(c, dtype=float) for c in (lat1, lon1, lat2, lon2)]
    plain = np.ones(columns[0].shape, dtype=bool)
    for lat in (columns[0], columns[2]):
        plain &= np.abs(lat) < 90.0
    for lon in (columns[1], columns[3]):
        plain &= np.abs(lon) < 180.0
    with np.errstate(invalid="ignore", divide="ignore"):
        s12, azi1, azi2, solved = _inverse_common(*(np.where(plain, c, 0.0) for c in columns))
    dist, az1, az2 = s12.tolist(), azi1.tolist(), azi2.tolist()
    for i in np.flatnonzero(~(plain & solved)).tolist():
        g = _G.Inverse(lat1[i], lon1[i], lat2[i], lon2[i], _INVERSE_MASK)
        dist[i], az1[i], az2[i] = g["s12"], g["azi1"], g["azi2"]
    return dist, az1, az2


def _positions(
    lat1: Array, lon1: Array, salp1: Array, calp1: Array, s12: Array
) -> tuple[Array, Array, Array]:
    """GeodesicLine(lat1, lon1, ...) then _GenPosition(False, s12, LAT | LON | AZIMUTH)."""
    sbet1, cbet1 = _sincosd(_ang_round(lat1))
    sbet1, cbet1 = _norm(sbet1 * _F1, cbet1)
    cbet1 = np.maximum(_TINY, cbet1)
    salp0 = salp1 * cbet1
    calp0 = np.hypot(calp1, salp1 * sbet1)
    ssig1 = sbet1
    somg1 = salp0 * sbet1
    csig1 = comg1 = np.where((sbet1 != 0) | (calp1 != 0), cbet1 * calp1, 1.0)
    ssig1, csig1 = _norm(ssig1, csig1)
    k2 = calp0 * calp0 * _EP2
    eps = k2 / (2 * (1 + np.sqrt(1 + k2)) + k2)
    a1m1 = _a1m1(eps)
    c1 = _coefficients(_C1_COEFF, eps)
    b11 = _series(True, ssig1, csig1, c1)
    s, c = np.sin(b11), np.cos(b11)
    stau1 = ssig1 * c + csig1 * s
    ctau1 = csig1 * c - ssig1 * s
    c1p = _coefficients(_C1P_COEFF, eps)
    c3 = _c3(eps)
    a3c = -_F * salp0 * _a3(eps)
    b31 = _series(True, ssig1, csig1, c3)
    tau12 = s12 / (_B * (1 + a1m1))
    s, c = np.sin(tau12), np.cos(tau12)
    b12 = -_series(True, stau1 * c + ctau1 * s, ctau1 * c - stau1 * s, c1p)
    sig12 = tau12 - (b12 - b11)
    ssig12, csig12 = np.sin(sig12), np.cos(sig12)
    ssig2 = ssig1 * csig12 + csig1 * ssig12
    csig2 = csig1 * csig12 - ssig1 * ssig12
    sbet2 = calp0 * ssig2
    cbet2 = np.hypot(salp0, calp0 * csig2)
    flat = cbet2 == 0
    cbet2 = np.where(flat, _TINY, cbet2)
    csig2 = np.where(flat, _TINY, csig2)
    salp2, calp2 = salp0, calp0 * csig2
    somg2, comg2 = salp0 * ssig2, csig2
    omg12 = np.arctan2(somg2 * comg1 - comg2 * somg1, comg2 * comg1 + somg2 * somg1)
    lam12 = omg12 + a3c * (sig12 + (_series(True, ssig2, csig2, c3) - b31))
    lon2 = _ang_normalize(_ang_normalize(lon1) + _ang_normalize(np.degrees(lam12)))
    return _atan2d(sbet2, _F1 * cbet2), lon2, _atan2d(salp2, calp2)


def direct(
    lat1: list[float], lon1: list[float], azi1: list[float], s12: list[float]
) -> tuple[list[float], list[float], list[float]]:
    """(latitudes, longitudes, forward azimuths) of the end points, as Geodesic.Direct gives
    them; a start outside [-90, 90] or not finite is left to the scalar code."""
    lat, lon, azi, dist = (np.asarray(c, dtype=float) for c in (lat1, lon1, azi1, s12))
    plain = (np.abs(lat) <= 90.0) & np.isfinite(lon) & np.isfinite(azi) & np.isfinite(dist)
    with np.errstate(invalid="ignore", divide="ignore"):
        salp1, calp1 = _sincosd(_ang_round(np.where(plain, azi, 0.0)))
        lats, lons, azis = _positions(
            np.where(plain, lat, 0.0), np.where(plain, lon, 0.0), salp1, calp1,
            np.where(plain, dist, 0.0),
        )  # fmt: skip
    out = lats.tolist(), lons.tolist(), azis.tolist()
    for i in np.flatnonzero(~plain).tolist():
        g = _G.Direct(lat1[i], lon1[i], azi1[i], s12[i], _DIRECT_MASK)
        out[0][i], out[1][i], out[2][i] = g["lat2"], g["lon2"], g["azi2"]
    return out
