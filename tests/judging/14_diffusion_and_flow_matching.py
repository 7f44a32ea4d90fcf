"""Answers the exercise checks of 14_diffusion_and_flow_matching.ipynb must judge correctly."""

EXERCISES = {
    "Exercise 1": {
        "reject": {
            "cumulative product of the betas instead of 1 - beta": '''
def closed_form_sample(x0, t, noise, betas):
    alpha_bar = torch.cumprod(betas, dim=0)[t]
    alpha_bar = alpha_bar.reshape(-1, *[1] * (x0.dim() - 1))
    return alpha_bar.sqrt() * x0 + (1 - alpha_bar).sqrt() * noise
''',
            "off by one: the product starts at beta_1, so index t is alpha_bar_{t+1}": '''
def closed_form_sample(x0, t, noise, betas):
    alpha_bar = torch.cumprod(1 - betas[1:], dim=0)[t.clamp(max=len(betas) - 2)]
    alpha_bar = alpha_bar.reshape(-1, *[1] * (x0.dim() - 1))
    return alpha_bar.sqrt() * x0 + (1 - alpha_bar).sqrt() * noise
''',
            "no square roots": '''
def closed_form_sample(x0, t, noise, betas):
    alpha_bar = torch.cumprod(1 - betas, dim=0)[t]
    alpha_bar = alpha_bar.reshape(-1, *[1] * (x0.dim() - 1))
    return alpha_bar * x0 + (1 - alpha_bar) * noise
''',
            "draws fresh noise instead of using the given one": '''
def closed_form_sample(x0, t, noise, betas):
    alpha_bar = torch.cumprod(1 - betas, dim=0)[t]
    alpha_bar = alpha_bar.reshape(-1, *[1] * (x0.dim() - 1))
    return alpha_bar.sqrt() * x0 + (1 - alpha_bar).sqrt() * torch.randn_like(x0)
''',
            "only works for (N, d) inputs": '''
def closed_form_sample(x0, t, noise, betas):
    alpha_bar = torch.cumprod(1 - betas, dim=0)[t][:, None]
    return alpha_bar.sqrt() * x0 + (1 - alpha_bar).sqrt() * noise
''',
            "one minus the sum of the betas instead of the product": '''
def closed_form_sample(x0, t, noise, betas):
    alpha_bar = (1 - torch.cumsum(betas, dim=0))[t]
    alpha_bar = alpha_bar.reshape(-1, *[1] * (x0.dim() - 1))
    return alpha_bar.sqrt() * x0 + (1 - alpha_bar).sqrt() * noise
''',
        },
        "accept": {
            "a loop over the examples in float64": '''
def closed_form_sample(x0, t, noise, betas):
    out = []
    for i in range(len(x0)):
        a = torch.prod(1 - betas[1 : int(t[i]) + 1].double())
        out.append(a.sqrt() * x0[i].double() + (1 - a).sqrt() * noise[i].double())
    return torch.stack(out)
''',
            "in log space, with unsqueeze": '''
def closed_form_sample(x0, t, noise, betas):
    a = torch.exp(torch.cumsum(torch.log1p(-betas), dim=0))[t]
    while a.dim() < x0.dim():
        a = a.unsqueeze(-1)
    return torch.sqrt(a) * x0 + torch.sqrt(1 - a) * noise
''',
        },
    },
    "Exercise 2": {
        "reject": {
            "adds the predicted noise instead of removing it": '''
def reverse_step(x_t, eps_hat, t, z, betas):
    alpha_bar = torch.cumprod(1 - betas, dim=0)
    mean = (x_t + betas[t] / (1 - alpha_bar[t]).sqrt() * eps_hat) / (1 - betas[t]).sqrt()
    variance = betas[t] * (1 - alpha_bar[t - 1]) / (1 - alpha_bar[t])
    return mean + variance.sqrt() * z
''',
            "multiplies the noise by the variance, not the standard deviation": '''
def reverse_step(x_t, eps_hat, t, z, betas):
    alpha_bar = torch.cumprod(1 - betas, dim=0)
    mean = (x_t - betas[t] / (1 - alpha_bar[t]).sqrt() * eps_hat) / (1 - betas[t]).sqrt()
    variance = betas[t] * (1 - alpha_bar[t - 1]) / (1 - alpha_bar[t])
    return mean + variance * z
''',
            "beta_t as the variance instead of the posterior variance": '''
def reverse_step(x_t, eps_hat, t, z, betas):
    alpha_bar = torch.cumprod(1 - betas, dim=0)
    mean = (x_t - betas[t] / (1 - alpha_bar[t]).sqrt() * eps_hat) / (1 - betas[t]).sqrt()
    return mean + betas[t].sqrt() * z
''',
            "no square root on 1 - alpha_bar_t in the mean": '''
def reverse_step(x_t, eps_hat, t, z, betas):
    alpha_bar = torch.cumprod(1 - betas, dim=0)
    mean = (x_t - betas[t] / (1 - alpha_bar[t]) * eps_hat) / (1 - betas[t]).sqrt()
    variance = betas[t] * (1 - alpha_bar[t - 1]) / (1 - alpha_bar[t])
    return mean + variance.sqrt() * z
''',
            "divides by alpha_t instead of its square root": '''
def reverse_step(x_t, eps_hat, t, z, betas):
    alpha_bar = torch.cumprod(1 - betas, dim=0)
    mean = (x_t - betas[t] / (1 - alpha_bar[t]).sqrt() * eps_hat) / (1 - betas[t])
    variance = betas[t] * (1 - alpha_bar[t - 1]) / (1 - alpha_bar[t])
    return mean + variance.sqrt() * z
''',
        },
        "accept": {
            "through the predicted clean point and the posterior mean, in float64": '''
def reverse_step(x_t, eps_hat, t, z, betas):
    b = betas.double()
    a_bar = torch.cumprod(1 - b, dim=0)
    x0_hat = (x_t.double() - (1 - a_bar[t]).sqrt() * eps_hat.double()) / a_bar[t].sqrt()
    mean = (a_bar[t - 1].sqrt() * b[t] * x0_hat + (1 - b[t]).sqrt() * (1 - a_bar[t - 1]) * x_t.double()) / (1 - a_bar[t])
    return mean + torch.sqrt(b[t] * (1 - a_bar[t - 1]) / (1 - a_bar[t])) * z.double()
''',
            "with Python floats and math": '''
import math


def reverse_step(x_t, eps_hat, t, z, betas):
    bs = [float(b) for b in betas]
    a_t = math.prod(1 - b for b in bs[1 : t + 1])
    a_prev = math.prod(1 - b for b in bs[1:t])
    sigma = math.sqrt(bs[t] * (1 - a_prev) / (1 - a_t))
    return (x_t - bs[t] / math.sqrt(1 - a_t) * eps_hat) / math.sqrt(1 - bs[t]) + sigma * z
''',
        },
    },
    "Exercise 3": {
        "reject": {
            "Ho and Salimans' form with this notebook's w": '''
def guided_prediction(cond, uncond, w):
    return (1 + w) * cond - w * uncond
''',
            "conditional and unconditional swapped": '''
def guided_prediction(cond, uncond, w):
    return cond + w * (uncond - cond)
''',
            "forgets the unconditional prediction it starts from": '''
def guided_prediction(cond, uncond, w):
    return w * (cond - uncond)
''',
            "hard-coded w = 2": '''
def guided_prediction(cond, uncond, w):
    return uncond + 2.0 * (cond - uncond)
''',
        },
        "accept": {
            "torch.lerp": '''
def guided_prediction(cond, uncond, w):
    return torch.lerp(uncond, cond, w)
''',
            "as a weighted sum": '''
def guided_prediction(cond, uncond, w):
    return w * cond + (1 - w) * uncond
''',
        },
    },
    "Exercise 4": {
        "reject": {
            "evaluates the velocity at the end of each step": '''
def euler_integrate(velocity, x0, steps):
    x = x0
    for k in range(steps):
        x = x + velocity(x, (k + 1) / steps) / steps
    return x
''',
            "steps - 1 intervals: times from torch.linspace(0, 1, steps)": '''
def euler_integrate(velocity, x0, steps):
    x = x0
    times = torch.linspace(0, 1, steps)
    dt = 1 / max(steps - 1, 1)
    for t in times:
        x = x + velocity(x, float(t)) * dt
    return x
''',
            "adds into x0 in place": '''
def euler_integrate(velocity, x0, steps):
    x = x0
    for k in range(steps):
        x += velocity(x, k / steps) / steps
    return x
''',
            "one step too many": '''
def euler_integrate(velocity, x0, steps):
    x = x0
    for k in range(steps + 1):
        x = x + velocity(x, k / steps) / steps
    return x
''',
            "forgets the step size": '''
def euler_integrate(velocity, x0, steps):
    x = x0
    for k in range(steps):
        x = x + velocity(x, k / steps)
    return x
''',
        },
        "accept": {
            "a copy, then in place, with an accumulated time": '''
def euler_integrate(velocity, x0, steps):
    x, t, dt = x0.clone(), 0.0, 1.0 / steps
    for _ in range(steps):
        x += dt * velocity(x, t)
        t += dt
    return x
''',
            "times from torch.linspace, in float64": '''
def euler_integrate(velocity, x0, steps):
    x = x0.double()
    for t in torch.linspace(0, 1, steps + 1, dtype=torch.float64)[:-1]:
        x = x + velocity(x, t) / steps
    return x
''',
        },
    },
}
