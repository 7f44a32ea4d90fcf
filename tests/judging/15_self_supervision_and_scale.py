"""Answers the exercise checks of 15_self_supervision_and_scale.ipynb must judge correctly."""

EXERCISES = {
    "Exercise 1": {
        "reject": {
            "the anchor itself left in the denominator": '''
def multi_positive_loss(z, labels, temperature):
    z = F.normalize(z, dim=1)
    similarity = z @ z.T / temperature
    is_self = torch.eye(len(z), dtype=torch.bool, device=z.device)
    log_probability = similarity - similarity.logsumexp(dim=1, keepdim=True)
    positive = (labels[:, None] == labels[None, :]) & ~is_self
    return (-(log_probability * positive).sum(dim=1) / positive.sum(dim=1)).mean()
''',
            "embeddings not normalised": '''
def multi_positive_loss(z, labels, temperature):
    similarity = z @ z.T / temperature
    is_self = torch.eye(len(z), dtype=torch.bool, device=z.device)
    log_probability = similarity - similarity.masked_fill(is_self, float("-inf")).logsumexp(dim=1, keepdim=True)
    positive = (labels[:, None] == labels[None, :]) & ~is_self
    return (-(log_probability * positive).sum(dim=1) / positive.sum(dim=1)).mean()
''',
            "temperature multiplied instead of divided": '''
def multi_positive_loss(z, labels, temperature):
    z = F.normalize(z, dim=1)
    similarity = z @ z.T * temperature
    is_self = torch.eye(len(z), dtype=torch.bool, device=z.device)
    log_probability = similarity - similarity.masked_fill(is_self, float("-inf")).logsumexp(dim=1, keepdim=True)
    positive = (labels[:, None] == labels[None, :]) & ~is_self
    return (-(log_probability * positive).sum(dim=1) / positive.sum(dim=1)).mean()
''',
            "averaged over all positive pairs instead of per anchor": '''
def multi_positive_loss(z, labels, temperature):
    z = F.normalize(z, dim=1)
    similarity = z @ z.T / temperature
    is_self = torch.eye(len(z), dtype=torch.bool, device=z.device)
    log_probability = similarity - similarity.masked_fill(is_self, float("-inf")).logsumexp(dim=1, keepdim=True)
    positive = (labels[:, None] == labels[None, :]) & ~is_self
    return -(log_probability * positive).sum() / positive.sum()
''',
            "the anchor counted as its own positive": '''
def multi_positive_loss(z, labels, temperature):
    z = F.normalize(z, dim=1)
    similarity = z @ z.T / temperature
    is_self = torch.eye(len(z), dtype=torch.bool, device=z.device)
    log_probability = similarity - similarity.masked_fill(is_self, float("-inf")).logsumexp(dim=1, keepdim=True)
    positive = labels[:, None] == labels[None, :]
    return (-(log_probability * positive).sum(dim=1) / positive.sum(dim=1)).mean()
''',
            "only the most similar positive used": '''
def multi_positive_loss(z, labels, temperature):
    z = F.normalize(z, dim=1)
    similarity = z @ z.T / temperature
    is_self = torch.eye(len(z), dtype=torch.bool, device=z.device)
    log_probability = similarity - similarity.masked_fill(is_self, float("-inf")).logsumexp(dim=1, keepdim=True)
    positive = (labels[:, None] == labels[None, :]) & ~is_self
    return -log_probability.masked_fill(~positive, float("-inf")).amax(dim=1).mean()
''',
            "the self mask created on the CPU": '''
def multi_positive_loss(z, labels, temperature):
    z = F.normalize(z, dim=1)
    similarity = z @ z.T / temperature
    is_self = torch.eye(len(z), dtype=torch.bool)
    log_probability = similarity - similarity.masked_fill(is_self, float("-inf")).logsumexp(dim=1, keepdim=True)
    positive = (labels[:, None] == labels[None, :]) & ~is_self
    return (-(log_probability * positive).sum(dim=1) / positive.sum(dim=1)).mean()
''',
        },
        "accept": {
            "one anchor at a time": '''
def multi_positive_loss(z, labels, temperature):
    z = z / z.norm(dim=1, keepdim=True)
    losses = []
    for k in range(len(z)):
        scores = z @ z[k] / temperature
        others = torch.arange(len(z), device=z.device) != k
        log_denominator = torch.logsumexp(scores[others], dim=0)
        positives = others & (labels == labels[k])
        losses.append(-(scores[positives] - log_denominator).mean())
    return torch.stack(losses).mean()
''',
            "log_softmax over the masked matrix, in float64": '''
def multi_positive_loss(z, labels, temperature):
    z = F.normalize(z.double(), dim=1)
    is_self = torch.eye(len(z), dtype=torch.bool, device=z.device)
    log_probability = F.log_softmax((z @ z.T / temperature).masked_fill(is_self, float("-inf")), dim=1)
    positive = (labels[:, None] == labels[None, :]) & ~is_self
    per_anchor = torch.where(positive, log_probability, torch.zeros_like(log_probability)).sum(dim=1)
    return (-per_anchor / positive.sum(dim=1)).mean().float()
''',
            "cross-entropy against a target distribution": '''
def multi_positive_loss(z, labels, temperature):
    z = F.normalize(z, dim=1)
    is_self = torch.eye(len(z), dtype=torch.bool, device=z.device)
    scores = (z @ z.T / temperature).masked_fill(is_self, -1e9)
    positive = ((labels[:, None] == labels[None, :]) & ~is_self).float()
    return F.cross_entropy(scores, positive / positive.sum(dim=1, keepdim=True))
''',
        },
    },
    "Exercise 2": {
        "reject": {
            "the 6 forgotten (C = ND)": '''
def compute_optimal(C, A, B, alpha, beta):
    n_opt = (alpha * A / (beta * B) * C ** beta) ** (1 / (alpha + beta))
    return n_opt, C / n_opt
''',
            "the exponents of A and B swapped": '''
def compute_optimal(C, A, B, alpha, beta):
    n_opt = (beta * B / (alpha * A) * (C / 6) ** alpha) ** (1 / (alpha + beta))
    return n_opt, C / (6 * n_opt)
''',
            "Chinchilla's 20 tokens per parameter, whatever the law": '''
def compute_optimal(C, A, B, alpha, beta):
    n_opt = (C / (6 * 20)) ** 0.5
    return n_opt, 20 * n_opt
''',
            "power 1/alpha instead of 1/(alpha + beta)": '''
def compute_optimal(C, A, B, alpha, beta):
    n_opt = (alpha * A / (beta * B) * (C / 6) ** beta) ** (1 / alpha)
    return n_opt, C / (6 * n_opt)
''',
            "a coarse grid of 30 sizes": '''
def compute_optimal(C, A, B, alpha, beta):
    n = torch.logspace(0, math.log10(C), 30, dtype=torch.float64)
    loss = A * n ** -alpha + B * (C / (6 * n)) ** -beta
    n_opt = n[loss.argmin()].item()
    return n_opt, C / (6 * n_opt)
''',
        },
        "accept": {
            "closed form for D first": '''
def compute_optimal(C, A, B, alpha, beta):
    d_opt = (beta * B / (alpha * A) * (C / 6) ** alpha) ** (1 / (alpha + beta))
    return C / (6 * d_opt), d_opt
''',
            "golden-section search over log N": '''
def compute_optimal(C, A, B, alpha, beta):
    def loss(log_n):
        n = math.exp(log_n)
        return A * n ** -alpha + B * (C / (6 * n)) ** -beta
    low, high = 0.0, math.log(C)
    ratio = (math.sqrt(5) - 1) / 2
    for _ in range(200):
        left, right = high - ratio * (high - low), low + ratio * (high - low)
        if loss(left) < loss(right):
            high = right
        else:
            low = left
    n_opt = math.exp((low + high) / 2)
    return n_opt, C / (6 * n_opt)
''',
            "gradient descent with torch in float64, 0-dim tensors": '''
def compute_optimal(C, A, B, alpha, beta):
    log_n = torch.tensor(math.log(C) / 2, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.LBFGS([log_n], lr=1, max_iter=500, tolerance_grad=1e-12, tolerance_change=1e-14,
                                  line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        n = log_n.exp()
        loss = A * n ** -alpha + B * (C / (6 * n)) ** -beta
        loss.backward()
        return loss

    optimizer.step(closure)
    n_opt = log_n.detach().exp()
    return n_opt, C / (6 * n_opt)
''',
        },
    },
    "Exercise 3": {
        "reject": {
            "divided by the number of micro-batches": '''
def accumulate_gradients(model, micro_batches):
    for x, y in micro_batches:
        (F.cross_entropy(model(x), y) / len(micro_batches)).backward()
''',
            "the micro-batch means just added": '''
def accumulate_gradients(model, micro_batches):
    for x, y in micro_batches:
        F.cross_entropy(model(x), y).backward()
''',
            "gradients reset before each micro-batch (= instead of +=)": '''
def accumulate_gradients(model, micro_batches):
    total = sum(len(y) for _, y in micro_batches)
    for x, y in micro_batches:
        for p in model.parameters():
            p.grad = None
        (F.cross_entropy(model(x), y) * len(y) / total).backward()
''',
            "summed losses, never divided by the total": '''
def accumulate_gradients(model, micro_batches):
    for x, y in micro_batches:
        F.cross_entropy(model(x), y, reduction="sum").backward()
''',
            "the micro-batches concatenated with torch.concat": '''
def accumulate_gradients(model, micro_batches):
    x = torch.concat([x for x, _ in micro_batches])
    y = torch.concat([y for _, y in micro_batches])
    F.cross_entropy(model(x), y).backward()
''',
            "one backward over the summed weighted losses": '''
def accumulate_gradients(model, micro_batches):
    total = sum(len(y) for _, y in micro_batches)
    loss = sum(F.cross_entropy(model(x), y) * len(y) / total for x, y in micro_batches)
    loss.backward()
''',
            "the micro-batches concatenated": '''
def accumulate_gradients(model, micro_batches):
    x = torch.cat([x for x, _ in micro_batches])
    y = torch.cat([y for _, y in micro_batches])
    F.cross_entropy(model(x), y).backward()
''',
        },
        "accept": {
            "summed losses divided by the total": '''
def accumulate_gradients(model, micro_batches):
    total = 0
    for _, y in micro_batches:
        total += y.shape[0]
    for x, y in micro_batches:
        loss = F.cross_entropy(model(x), y, reduction="sum") / total
        loss.backward()
''',
            "weights computed first": '''
def accumulate_gradients(model, micro_batches):
    sizes = [len(y) for _, y in micro_batches]
    weights = [size / sum(sizes) for size in sizes]
    for weight, (x, y) in zip(weights, micro_batches):
        F.cross_entropy(model(x), y).mul(weight).backward()
''',
        },
    },
}
