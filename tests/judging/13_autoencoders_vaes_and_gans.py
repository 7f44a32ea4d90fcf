"""Answers the exercise checks of 13_autoencoders_vaes_and_gans.ipynb must judge correctly."""

EXERCISES = {
    "Exercise 1": {
        "reject": {
            "the reverse direction, KL(p || q)": '''
def gaussian_kl(mu_q, log_var_q, mu_p, log_var_p):
    ratio = (log_var_p - log_var_q).exp()
    return 0.5 * (log_var_q - log_var_p + ratio + (mu_p - mu_q).pow(2) / log_var_q.exp() - 1).sum(-1)
''',
            "log-variance read as log standard deviation": '''
def gaussian_kl(mu_q, log_var_q, mu_p, log_var_p):
    sigma_q, sigma_p = log_var_q.exp(), log_var_p.exp()
    return (torch.log(sigma_p / sigma_q) + (sigma_q**2 + (mu_q - mu_p) ** 2) / (2 * sigma_p**2) - 0.5).sum(-1)
''',
            "the prior taken as the standard normal": '''
def gaussian_kl(mu_q, log_var_q, mu_p, log_var_p):
    return 0.5 * (mu_q.pow(2) + log_var_q.exp() - 1 - log_var_q).sum(-1)
''',
            "mean over the latent dimensions instead of the sum": '''
def gaussian_kl(mu_q, log_var_q, mu_p, log_var_p):
    ratio = (log_var_q - log_var_p).exp()
    return 0.5 * (log_var_p - log_var_q + ratio + (mu_q - mu_p).pow(2) / log_var_p.exp() - 1).mean(-1)
''',
            "summed over every axis (one number for the batch)": '''
def gaussian_kl(mu_q, log_var_q, mu_p, log_var_p):
    ratio = (log_var_q - log_var_p).exp()
    return 0.5 * (log_var_p - log_var_q + ratio + (mu_q - mu_p).pow(2) / log_var_p.exp() - 1).sum()
''',
            "the factor 1/2 forgotten": '''
def gaussian_kl(mu_q, log_var_q, mu_p, log_var_p):
    ratio = (log_var_q - log_var_p).exp()
    return (log_var_p - log_var_q + ratio + (mu_q - mu_p).pow(2) / log_var_p.exp() - 1).sum(-1)
''',
            "the squared mean difference divided by q's variance": '''
def gaussian_kl(mu_q, log_var_q, mu_p, log_var_p):
    ratio = (log_var_q - log_var_p).exp()
    return 0.5 * (log_var_p - log_var_q + ratio + (mu_q - mu_p).pow(2) / log_var_q.exp() - 1).sum(-1)
''',
            "the forbidden library call": '''
def gaussian_kl(mu_q, log_var_q, mu_p, log_var_p):
    Normal, Independent = torch.distributions.Normal, torch.distributions.Independent
    q = Independent(Normal(mu_q, (0.5 * log_var_q).exp()), 1)
    p = Independent(Normal(mu_p, (0.5 * log_var_p).exp()), 1)
    return torch.distributions.kl_divergence(q, p)
''',
            "the library call through torch.distributions.kl": '''
def gaussian_kl(mu_q, log_var_q, mu_p, log_var_p):
    q = torch.distributions.Normal(mu_q, (0.5 * log_var_q).exp())
    p = torch.distributions.Normal(mu_p, (0.5 * log_var_p).exp())
    return torch.distributions.kl.kl_divergence(q, p).sum(-1)
''',
            "kl_divergence imported at the top of the cell": '''
from torch.distributions import Normal, kl_divergence


def gaussian_kl(mu_q, log_var_q, mu_p, log_var_p):
    return kl_divergence(Normal(mu_q, (0.5 * log_var_q).exp()), Normal(mu_p, (0.5 * log_var_p).exp())).sum(-1)
''',
        },
        "accept": {
            "with standard deviations, as in the formula": '''
def gaussian_kl(mu_q, log_var_q, mu_p, log_var_p):
    sigma_q, sigma_p = (0.5 * log_var_q).exp(), (0.5 * log_var_p).exp()
    per_dimension = torch.log(sigma_p / sigma_q) + (sigma_q**2 + (mu_q - mu_p) ** 2) / (2 * sigma_p**2) - 0.5
    return per_dimension.sum(dim=-1)
''',
            "in float64": '''
def gaussian_kl(mu_q, log_var_q, mu_p, log_var_p):
    mu_q, log_var_q, mu_p, log_var_p = (t.double() for t in (mu_q, log_var_q, mu_p, log_var_p))
    var_q, var_p = torch.exp(log_var_q), torch.exp(log_var_p)
    return torch.sum(0.5 * (log_var_p - log_var_q) + (var_q + (mu_q - mu_p) ** 2) / (2 * var_p) - 0.5, dim=-1)
''',
            "a loop over the last axis": '''
def gaussian_kl(mu_q, log_var_q, mu_p, log_var_p):
    total = torch.zeros(mu_q.shape[:-1])
    for j in range(mu_q.shape[-1]):
        var_q, var_p = log_var_q[..., j].exp(), log_var_p[..., j].exp()
        total = total + 0.5 * (log_var_p[..., j] - log_var_q[..., j]) + (var_q + (mu_q[..., j] - mu_p[..., j]) ** 2) / (2 * var_p) - 0.5
    return total
''',
        },
    },
    "Exercise 2": {
        "reject": {
            "the saturating minimax loss log(1 - D)": '''
def generator_loss(fake_logits):
    return torch.log(1 - torch.sigmoid(fake_logits)).mean()
''',
            "log of sigmoid: infinite at a logit of -200": '''
def generator_loss(fake_logits):
    return -torch.log(torch.sigmoid(fake_logits)).mean()
''',
            "the sign flipped": '''
def generator_loss(fake_logits):
    return F.logsigmoid(fake_logits).mean()
''',
            "the sum instead of the mean": '''
def generator_loss(fake_logits):
    return F.softplus(-fake_logits).sum()
''',
            "cross-entropy with the fake label 0 (the discriminator's term)": '''
def generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
''',
            "a Python float (no gradient)": '''
def generator_loss(fake_logits):
    return F.softplus(-fake_logits).mean().item()
''',
        },
        "accept": {
            "binary cross-entropy with the real label 1": '''
def generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
''',
            "log-sigmoid": '''
def generator_loss(fake_logits):
    return -F.logsigmoid(fake_logits).mean()
''',
            "the stable formula written out": '''
def generator_loss(fake_logits):
    a = fake_logits
    return (torch.log1p(torch.exp(-a.abs())) + torch.relu(-a)).sum() / a.numel()
''',
        },
    },
    "Exercise 3": {
        "reject": {
            "squared distance compared with the radius": '''
def modes_and_quality(points, centres, radius, min_fraction):
    distance, nearest = ((points[:, None] - centres[None]) ** 2).sum(-1).min(dim=1)
    good = distance < radius
    per_mode = torch.bincount(nearest[good], minlength=len(centres))
    return int((per_mode >= min_fraction * len(points)).sum()), good.float().mean().item()
''',
            "min_fraction ignored: one sample covers a mode": '''
def modes_and_quality(points, centres, radius, min_fraction):
    distance, nearest = torch.cdist(points, centres).min(dim=1)
    good = distance < radius
    per_mode = torch.bincount(nearest[good], minlength=len(centres))
    return int((per_mode > 0).sum()), good.float().mean().item()
''',
            "modes counted from every sample, not only the high-quality ones": '''
def modes_and_quality(points, centres, radius, min_fraction):
    distance, nearest = torch.cdist(points, centres).min(dim=1)
    good = distance < radius
    per_mode = torch.bincount(nearest, minlength=len(centres))
    return int((per_mode >= min_fraction * len(points)).sum()), good.float().mean().item()
''',
            "the notebook's ring centres instead of the argument": '''
def modes_and_quality(points, given_centres, radius, min_fraction):
    ring = 2 * torch.stack([torch.cos(torch.arange(8) * math.pi / 4), torch.sin(torch.arange(8) * math.pi / 4)], 1)
    distance, nearest = torch.cdist(points[:, :2], ring).min(dim=1)
    good = distance < radius
    per_mode = torch.bincount(nearest[good], minlength=8)
    return int((per_mode >= min_fraction * len(points)).sum()), good.float().mean().item()
''',
            "the fraction of covered modes returned as the quality": '''
def modes_and_quality(points, centres, radius, min_fraction):
    distance, nearest = torch.cdist(points, centres).min(dim=1)
    good = distance < radius
    per_mode = torch.bincount(nearest[good], minlength=len(centres))
    covered = int((per_mode >= min_fraction * len(points)).sum())
    return covered, covered / len(centres)
''',
            "the threshold taken over the high-quality samples only": '''
def modes_and_quality(points, centres, radius, min_fraction):
    distance, nearest = torch.cdist(points, centres).min(dim=1)
    good = distance < radius
    per_mode = torch.bincount(nearest[good], minlength=len(centres))
    return int((per_mode >= min_fraction * good.sum()).sum()), good.float().mean().item()
''',
        },
        "accept": {
            "a loop over the centres, 0-dim tensors returned": '''
def modes_and_quality(points, centres, radius, min_fraction):
    distances = torch.stack([(points - c).norm(dim=1) for c in centres], dim=1)
    nearest = distances.argmin(dim=1)
    good = distances.min(dim=1).values < radius
    covered = torch.tensor(0)
    for j in range(len(centres)):
        if (good & (nearest == j)).sum() >= min_fraction * len(points):
            covered = covered + 1
    return covered, good.double().mean()
''',
            "broadcasting and a one-hot count": '''
def modes_and_quality(points, centres, radius, min_fraction):
    d = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(-1).sqrt()
    nearest = d.argmin(1)
    good = d.gather(1, nearest[:, None])[:, 0] < radius
    counts = (F.one_hot(nearest, len(centres)) * good[:, None]).sum(0)
    return int((counts >= min_fraction * points.shape[0]).sum()), float(good.sum()) / points.shape[0]
''',
        },
    },
}
