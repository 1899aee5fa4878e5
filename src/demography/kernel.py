"""The inner loop of the cohort-component projection (:func:`demography.projection.project_arrays`).

``ctx`` holds the result arrays (``by_sex``, ``births``, ``deaths``, ``migration``,
``unrealised`` and ``out`` or ``roll``/``group_counts``) and the broadcast inputs (``template``
or ``net``, ``in``, ``extra``, ``out_rates``, ``out_dev``/``dev_scale``, ``fert``, ``mort``);
:func:`run` fills the arrays year by year for blocks of regions, in parallel threads.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np

from demography.core import N_AGES
from demography.fertility import FERTILE_MAX, FERTILE_MIN
from demography.planning import AgeGroups

if TYPE_CHECKING:  # pragma: no cover
    from demography.housing import InternalMigration
    from demography.projection import Schedules

F0, F1 = FERTILE_MIN, FERTILE_MAX + 1

#: Regions per thread below which threading does not pay off.
_MIN_REGIONS_PER_THREAD = 1500


def run(ctx: dict, n_reg: int, schedules, internal, groups, keep_all: bool, threads) -> None:
    """Run the kernel over all regions: in one piece when ``internal`` links them, else in
    blocks on ``threads`` threads (numpy releases the GIL inside its loops)."""
    n_threads = threads or os.cpu_count() or 1
    n_threads = max(1, min(n_threads, n_reg // _MIN_REGIONS_PER_THREAD))
    if internal is not None:
        _kernel(ctx, slice(0, n_reg), schedules, internal, groups, keep_all)
    elif n_threads == 1:
        _blocked(ctx, slice(0, n_reg), schedules, groups, keep_all)
    else:
        edges = np.linspace(0, n_reg, n_threads + 1).astype(int)
        blocks = [slice(int(a), int(b)) for a, b in pairwise(edges)]
        with ThreadPoolExecutor(max_workers=n_threads) as pool:
            futures = [
                pool.submit(_blocked, ctx, block, schedules, groups, keep_all) for block in blocks
            ]
            for future in futures:
                future.result()


#: Regions per inner block: all years of a block run while its working arrays (stock,
#: survivors, migration; a few hundred kB each) stay in the CPU cache.
CACHE_BLOCK = 512


def _blocked(ctx: dict, sl: slice, schedules: Schedules, groups: AgeGroups, keep_all: bool) -> None:
    """Run :func:`_kernel` over cache-sized sub-blocks of ``sl`` (regions are independent)."""
    for start in range(sl.start, sl.stop, CACHE_BLOCK):
        block = slice(start, min(start + CACHE_BLOCK, sl.stop))
        _kernel(ctx, block, schedules, None, groups, keep_all)


def _kernel(
    ctx: dict,
    sl: slice,
    schedules: Schedules,
    internal: InternalMigration | None,
    groups: AgeGroups,
    keep_all: bool,
) -> None:
    """Run all years for the regions ``sl``, writing into the arrays of ``ctx``."""
    horizon = schedules.years.size
    n = sl.stop - sl.start
    out = ctx["out"][:, sl] if keep_all else None
    roll = None if keep_all else ctx["roll"][:, sl]
    group_counts = None if keep_all else ctx["group_counts"][:, sl]
    by_sex, births, deaths = ctx["by_sex"][:, sl], ctx["births"][:, sl], ctx["deaths"][:, sl]
    migration, unrealised = ctx["migration"][:, sl], ctx["unrealised"][:, sl]
    template = ctx["template"][sl] if "template" in ctx else None
    net = ctx["net"][:, sl] if ctx.get("net") is not None else None
    in_y = ctx["in"][:, sl] if ctx.get("in") is not None else None
    extra_y = ctx["extra"][:, sl] if ctx.get("extra") is not None else None
    out_rates = ctx["out_rates"][sl] if "out_rates" in ctx else None
    out_dev = ctx["out_dev"][sl] if "out_dev" in ctx else None
    rate_t = None if out_dev is None else np.empty((n, 2, N_AGES))
    fert = ctx["fert"][sl] if "fert" in ctx else None
    mort = ctx["mort"][sl] if "mort" in ctx else None

    survivors = np.empty((n, 2, N_AGES))  # also holds the regional survival ratios
    mig = np.empty((n, 2, N_AGES))
    boys = schedules.boys_share
    sex_split = np.array([boys, 1.0 - boys])
    simple = template is not None and in_y is None and extra_y is None
    shift_then_migrate = out_rates is not None or internal is not None
    template_by_sex = None if template is None else template.sum(axis=2)

    for t in range(horizon):
        if keep_all:
            prev, new = out[t], out[t + 1]  # type: ignore[index]
        else:
            prev, new = roll[t % 2], roll[(t + 1) % 2]  # type: ignore[index]
        s_birth = _survive(prev, schedules, t, mort, survivors)
        # survivors[..., x]: persons aged x at the start alive at the end (then x + 1;
        # ages 99 and 100+ both end in 100+).

        nm = schedules.net_migration[t]
        if template is not None:
            np.multiply(template, nm, out=mig)
        else:
            mig[...] = net[t]  # type: ignore[index]
        if in_y is not None:
            mig += in_y[t]
        if extra_y is not None:
            mig += extra_y[t]

        survived = survivors.sum(axis=2)
        b = births[t] = _births(prev, survivors, schedules.asfr[t], fert, sex_split)
        newborn = b * s_birth
        deaths[t] = by_sex[t] - survived + b - newborn

        if not shift_then_migrate:
            _shift_add(new, survivors, mig, newborn)
        else:
            _shift_then_migrate(
                new, survivors, mig, newborn, ctx, t, out_rates, out_dev, rate_t, internal
            )
        planned = template_by_sex * nm if simple and not shift_then_migrate else mig.sum(axis=2)

        # no negatives: cap out-migration at the persons present
        excess = _cap_negatives(new)
        if excess is None:
            migration[t] = planned
        else:
            unrealised[t] = excess
            migration[t] = planned + excess
        by_sex[t + 1] = new.sum(axis=2)
        if group_counts is not None:
            group_counts[t + 1] = groups.aggregate(new)


def _births(prev, survivors, asfr: np.ndarray, fert, sex_split: np.ndarray) -> np.ndarray:
    """Births (regions, sex) from the mean exposure of women 15–49 (survivors aged x−1 at the
    start are the women aged x at the end, before migration)."""
    exposure = prev[:, 1, F0:F1] + survivors[:, 1, F0 - 1 : F1 - 1]
    total_births = (exposure @ asfr) * 0.5
    if fert is not None:
        total_births *= fert
    return total_births[:, None] * sex_split[None, :]


def _survive(prev, schedules: Schedules, t: int, mort, survivors: np.ndarray):
    """Write the survivors of year ``t`` into ``survivors`` (regions, 2, ages); returns the
    survival of the newborn (national, or per region with proportional hazards)."""
    s_nat = schedules.survival[t]
    if mort is None:
        np.multiply(prev, s_nat, out=survivors)  # s_nat (2, 101) broadcasts
        return schedules.birth_survival[t]
    # Proportional hazards: s_region = s_nat ** k = exp(k · log s_nat).
    with np.errstate(divide="ignore"):
        log_s = np.log(s_nat)
    np.multiply(mort[:, :, None], log_s[None], out=survivors)
    np.exp(survivors, out=survivors)
    survivors *= prev
    return schedules.birth_survival[t][None, :] ** mort


def _shift_add(new: np.ndarray, survivors: np.ndarray, mig: np.ndarray, newborn) -> None:
    """Shift survivors one year of age up and add migration in one pass over the flat array;
    the row ends are repaired right after (age 0, open age 100+)."""
    flat_new, flat_surv = new.reshape(-1), survivors.reshape(-1)
    np.add(flat_surv[:-1], mig.reshape(-1)[1:], out=flat_new[1:])
    new[:, :, 100] += survivors[:, :, 100]
    new[:, :, 0] = newborn + mig[:, :, 0]


def _shift_then_migrate(
    new, survivors, mig, newborn, ctx: dict, t: int, out_rates, out_dev, rate_t, internal
) -> None:
    """Rate-based parts need the stock after survival: shift first, then migrate (``mig``
    is completed with the out-migration by rates and the internal moves)."""
    new.reshape(-1)[1:] = survivors.reshape(-1)[:-1]
    new[:, :, 100] += survivors[:, :, 100]
    new[:, :, 0] = newborn
    if rate_t is not None:
        np.multiply(out_dev, ctx["dev_scale"][t], out=rate_t)
        rate_t += out_rates
        rate_t *= new
        mig -= rate_t
    elif out_rates is not None:
        mig -= out_rates * new
    if internal is not None:
        mig += internal.net_moves(new)
    new += mig


def _cap_negatives(new: np.ndarray):
    """Remove negative counts (more out-migrants than persons present); returns the persons
    that could not move per region and sex, or None when there were none."""
    if np.fmin.reduce(new.reshape(-1)) >= 0:
        return None
    neg = np.minimum(new, 0.0)
    excess = -neg.sum(axis=2)
    new -= neg
    return excess
