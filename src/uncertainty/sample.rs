//! Latin hypercube sampling with rank correlations (Iman and Conover 1982, "A
//! distribution-free approach to inducing rank correlation among input variables").
//!
//! Each input's n draws take one value from each of n equal-probability strata, in a
//! random order; correlations are then induced by reordering each input's draws to
//! follow the ranks of correlated normal scores, which keeps every draw (and so every
//! stratum) and changes only which draws meet in a sample. The generator is PCG-64
//! (`rand_pcg`), whose output is specified bit for bit: the same seed gives the same
//! samples on every machine.

use rand_core::{Rng, SeedableRng};
use rand_pcg::Pcg64;
use statrs::distribution::{ContinuousCDF, Normal};

/// Uniform draws `u[input][sample]` in (0, 1): a Latin hypercube, reordered to the
/// rank correlations `(input, input, coefficient)`.
pub fn latin_hypercube(
    inputs: usize,
    n: usize,
    seed: u64,
    correlations: &[(usize, usize, f64)],
) -> Result<Vec<Vec<f64>>, String> {
    let mut rng = Pcg64::seed_from_u64(seed);
    let mut u: Vec<Vec<f64>> = (0..inputs)
        .map(|_| {
            let order = permutation(&mut rng, n);
            order
                .into_iter()
                .map(|stratum| (stratum as f64 + unit(&mut rng)) / n as f64)
                .collect()
        })
        .collect();
    if !correlations.is_empty() {
        induce(&mut u, correlations, &mut rng)?;
    }
    Ok(u)
}

/// A uniform draw in [0, 1) with 53 random bits.
fn unit(rng: &mut Pcg64) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A random permutation of `0..n` (Fisher–Yates; a 64-bit draw scaled to the range,
/// the same on every platform).
fn permutation(rng: &mut Pcg64, n: usize) -> Vec<usize> {
    let mut p: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = ((u128::from(rng.next_u64()) * (i as u128 + 1)) >> 64) as usize;
        p.swap(i, j);
    }
    p
}

/// The correlation of two normal variables whose ranks correlate by `spearman`: for a
/// bivariate normal, ρ_S = (6/π)·arcsin(ρ/2) (Pearson 1907; Kruskal 1958), so
/// ρ = 2·sin(π·ρ_S/6). Imposing `spearman` itself on the normal scores would give rank
/// correlations a little weaker than stated (0.584 for 0.6, 0.8915 for 0.9).
fn normal_correlation_for_rank(spearman: f64) -> f64 {
    2.0 * (std::f64::consts::PI * spearman / 6.0).sin()
}

/// Reorders each input's draws so their ranks follow normal scores whose correlation
/// gives the stated rank correlation.
fn induce(
    u: &mut [Vec<f64>],
    correlations: &[(usize, usize, f64)],
    rng: &mut Pcg64,
) -> Result<(), String> {
    let k = u.len();
    let n = u.first().map_or(0, Vec::len);
    let mut target = identity(k);
    for &(i, j, r) in correlations {
        let pearson = normal_correlation_for_rank(r);
        target[i][j] = pearson;
        target[j][i] = pearson;
    }
    let p = cholesky(&target).ok_or(
        "the correlations contradict each other (their matrix is not positive definite): weaken them or drop one",
    )?;
    // Van der Waerden scores, shuffled independently for each input.
    let normal = Normal::standard();
    let scores: Vec<f64> = (0..n)
        .map(|i| normal.inverse_cdf((i as f64 + 1.0) / (n as f64 + 1.0)))
        .collect();
    let s: Vec<Vec<f64>> = (0..k)
        .map(|_| permutation(rng, n).into_iter().map(|i| scores[i]).collect())
        .collect();
    // Remove the scores' chance correlation (Q) and impose the target (P):
    // t = P · Q⁻¹ · s for each sample.
    let q = cholesky(&correlation(&s)).ok_or("too few samples to correlate the inputs")?;
    let mut t = vec![vec![0.0; n]; k];
    let mut col = vec![0.0; k];
    for row in 0..n {
        let x: Vec<f64> = (0..k).map(|j| s[j][row]).collect();
        // Solve Q·y = x (forward substitution), then t = P·y.
        for i in 0..k {
            let sum: f64 = (0..i).map(|j| q[i][j] * col[j]).sum();
            col[i] = (x[i] - sum) / q[i][i];
        }
        for i in 0..k {
            t[i][row] = (0..=i).map(|j| p[i][j] * col[j]).sum();
        }
    }
    for (draws, scores) in u.iter_mut().zip(&t) {
        let mut sorted = draws.clone();
        sorted.sort_by(f64::total_cmp);
        for (rank, sample) in ranks(scores).into_iter().enumerate() {
            draws[sample] = sorted[rank];
        }
    }
    Ok(())
}

/// Spearman's rank correlation: Pearson's on the ranks (ties broken by order; the
/// samples' totals are continuous).
pub fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let rank = |v: &[f64]| {
        let mut r = vec![0.0; v.len()];
        for (pos, i) in ranks(v).into_iter().enumerate() {
            r[i] = pos as f64;
        }
        r
    };
    pearson(&rank(a), &rank(b))
}

/// Sample indices in increasing order of `v`.
fn ranks(v: &[f64]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    idx.sort_by(|a, b| v[*a].total_cmp(&v[*b]).then(a.cmp(b)));
    idx
}

fn identity(k: usize) -> Vec<Vec<f64>> {
    (0..k)
        .map(|i| (0..k).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
        .collect()
}

/// Pearson correlation matrix of the columns `x[input][sample]`.
fn correlation(x: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let k = x.len();
    let mut out = identity(k);
    for i in 0..k {
        for j in 0..i {
            let r = pearson(&x[i], &x[j]);
            out[i][j] = r;
            out[j][i] = r;
        }
    }
    out
}

/// Pearson's correlation coefficient of two equally long series.
fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        sab += (x - ma) * (y - mb);
        saa += (x - ma) * (x - ma);
        sbb += (y - mb) * (y - mb);
    }
    if saa == 0.0 || sbb == 0.0 {
        0.0
    } else {
        sab / (saa * sbb).sqrt()
    }
}

/// The lower-triangular L with L·Lᵀ = m, or `None` when m is not positive definite.
fn cholesky(m: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let k = m.len();
    let mut l = vec![vec![0.0; k]; k];
    for i in 0..k {
        for j in 0..=i {
            let sum: f64 = (0..j).map(|x| l[i][x] * l[j][x]).sum();
            if i == j {
                let d = m[i][i] - sum;
                if d <= 1e-12 {
                    return None;
                }
                l[i][i] = d.sqrt();
            } else {
                l[i][j] = (m[i][j] - sum) / l[j][j];
            }
        }
    }
    Some(l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stratum_holds_exactly_one_draw() {
        let u = latin_hypercube(3, 1000, 7, &[]).unwrap();
        for draws in &u {
            let mut strata: Vec<usize> = draws.iter().map(|x| (x * 1000.0) as usize).collect();
            strata.sort();
            assert_eq!(strata, (0..1000).collect::<Vec<_>>());
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_draws() {
        assert_eq!(
            latin_hypercube(2, 50, 7, &[(0, 1, 0.5)]).unwrap(),
            latin_hypercube(2, 50, 7, &[(0, 1, 0.5)]).unwrap()
        );
        assert_ne!(
            latin_hypercube(2, 50, 7, &[]).unwrap(),
            latin_hypercube(2, 50, 8, &[]).unwrap()
        );
    }

    #[test]
    fn rank_correlations_are_induced_and_strata_kept() {
        let u = latin_hypercube(3, 5000, 7, &[(0, 1, 0.6), (1, 2, -0.3)]).unwrap();
        assert!((spearman(&u[0], &u[1]) - 0.6).abs() < 0.03);
        assert!((spearman(&u[1], &u[2]) + 0.3).abs() < 0.03);
        assert!(spearman(&u[0], &u[2]).abs() < 0.05);
        let mut strata: Vec<usize> = u[1].iter().map(|x| (x * 5000.0) as usize).collect();
        strata.sort();
        assert_eq!(strata, (0..5000).collect::<Vec<_>>());
    }

    /// The rank correlation the user writes is the one the samples have: Spearman's ρ
    /// within 0.01 of 0.3, 0.6 and 0.9 (10,000 samples).
    #[test]
    fn sampled_spearman_matches_the_stated_rank_correlation() {
        for target in [0.3, 0.6, 0.9] {
            let u = latin_hypercube(2, 10_000, 11, &[(0, 1, target)]).unwrap();
            let got = spearman(&u[0], &u[1]);
            assert!((got - target).abs() < 0.01, "{target}: {got}");
        }
        // The conversion itself: 2·sin(π·0.6/6) = 2·sin(0.1π) = 0.618034.
        assert!((normal_correlation_for_rank(0.6) - 0.618_034).abs() < 1e-6);
        assert!((normal_correlation_for_rank(1.0) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn contradictory_correlations_are_refused() {
        // a ~ b, b ~ c strongly, but a ~ −c strongly: no such matrix exists.
        let c = [(0, 1, 0.9), (1, 2, 0.9), (0, 2, -0.9)];
        assert!(latin_hypercube(3, 100, 1, &c).is_err());
    }
}
