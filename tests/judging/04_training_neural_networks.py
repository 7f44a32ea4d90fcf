"""Answers the exercise checks of 04_training_neural_networks.ipynb must judge correctly."""

EXERCISES = {
    "Exercise 1": {
        "reject": {
            "returns the mean, not one loss per example": '''
def huber_loss(prediction, target, delta=1.0):
    error = (prediction - target).abs()
    return torch.where(error <= delta, 0.5 * error**2, delta * (error - 0.5 * delta)).mean()
''',
            "linear part without the - delta / 2": '''
def huber_loss(prediction, target, delta=1.0):
    error = (prediction - target).abs()
    return torch.where(error <= delta, 0.5 * error**2, delta * error)
''',
            "signed error, no absolute value": '''
def huber_loss(prediction, target, delta=1.0):
    error = prediction - target
    return torch.where(error <= delta, 0.5 * error**2, delta * (error - 0.5 * delta))
''',
            "delta ignored (always 1)": '''
def huber_loss(prediction, target, delta=1.0):
    error = (prediction - target).abs()
    return torch.where(error <= 1.0, 0.5 * error**2, error - 0.5)
''',
            "quadratic part without the 1/2": '''
def huber_loss(prediction, target, delta=1.0):
    error = (prediction - target).abs()
    return torch.where(error <= delta, error**2, delta * (error - 0.5 * delta))
''',
            "calls F.huber_loss": '''
def huber_loss(prediction, target, delta=1.0):
    return F.huber_loss(prediction, target, delta=delta, reduction="none")
''',
            "only works on 1-D tensors": '''
def huber_loss(prediction, target, delta=1.0):
    result = torch.zeros(len(prediction))
    for i in range(len(prediction)):
        e = abs(prediction[i] - target[i])
        result[i] = 0.5 * e**2 if e <= delta else delta * (e - 0.5 * delta)
    return result
''',
            "result always float32 and on the CPU": '''
def huber_loss(prediction, target, delta=1.0):
    error = (prediction - target).abs()
    result = torch.zeros(prediction.shape)
    small = error <= delta
    result[small] = (0.5 * error**2)[small].float()
    result[~small] = (delta * (error - 0.5 * delta))[~small].float()
    return result
''',
            "a tensor created on the CPU (fails for a GPU input)": '''
def huber_loss(prediction, target, delta=1.0):
    error = (prediction - target).abs()
    cap = torch.full(error.shape, delta, dtype=error.dtype)
    inside = torch.minimum(error, cap)
    return 0.5 * inside**2 + delta * (error - inside)
''',
        },
        "accept": {
            "clamp: quadratic up to delta, linear beyond": '''
def huber_loss(prediction, target, delta=1.0):
    error = (prediction - target).abs()
    inside = error.clamp(max=delta)
    return 0.5 * inside**2 + delta * (error - inside)
''',
            "masks as numbers": '''
def huber_loss(prediction, target, delta=1.0):
    e = torch.abs(target - prediction)
    small = (e <= delta).to(e.dtype)
    return small * (e * e / 2) + (1 - small) * (delta * e - delta**2 / 2)
''',
            "strict < at the boundary (both branches agree there)": '''
def huber_loss(prediction, target, delta=1.0):
    error = (prediction - target).abs()
    return torch.where(error < delta, 0.5 * error.pow(2), delta * error - 0.5 * delta**2)
''',
            "a loop over the entries, result created like the input": '''
def huber_loss(prediction, target, delta=1.0):
    errors = (prediction - target).abs().reshape(-1)
    result = torch.empty_like(errors)
    for i, e in enumerate(errors):
        result[i] = 0.5 * e**2 if e <= delta else delta * (e - 0.5 * delta)
    return result.reshape(prediction.shape)
''',
        },
    },
    "Exercise 2": {
        "reject": {
            "no (1 - eps) on the true class": '''
def smoothed_cross_entropy(logits, y, eps):
    log_p = F.log_softmax(logits, dim=1)
    return -log_p[torch.arange(len(y)), y] + eps * -log_p.mean(dim=1)
''',
            "log-softmax over the batch axis": '''
def smoothed_cross_entropy(logits, y, eps):
    log_p = F.log_softmax(logits, dim=0)
    return (1 - eps) * -log_p[torch.arange(len(y)), y] + eps * -log_p.mean(dim=1)
''',
            "ten classes hard-coded": '''
def smoothed_cross_entropy(logits, y, eps):
    log_p = F.log_softmax(logits, dim=1)
    return (1 - eps) * -log_p[torch.arange(len(y)), y] + eps / 10 * -log_p.sum(dim=1)
''',
            "mean over the batch": '''
def smoothed_cross_entropy(logits, y, eps):
    log_p = F.log_softmax(logits, dim=1)
    return ((1 - eps) * -log_p[torch.arange(len(y)), y] + eps * -log_p.mean(dim=1)).mean()
''',
            "F.cross_entropy with label_smoothing": '''
def smoothed_cross_entropy(logits, y, eps):
    return F.cross_entropy(logits, y, label_smoothing=eps, reduction="none")
''',
            "eps spread over the other K - 1 classes": '''
def smoothed_cross_entropy(logits, y, eps):
    log_p = F.log_softmax(logits, dim=1)
    k = logits.shape[1]
    true = log_p[torch.arange(len(y)), y]
    return (1 - eps) * -true + eps / (k - 1) * -(log_p.sum(dim=1) - true)
''',
            "probabilities instead of log-probabilities": '''
def smoothed_cross_entropy(logits, y, eps):
    p = logits.softmax(dim=1)
    return (1 - eps) * -p[torch.arange(len(y)), y] + eps * -p.mean(dim=1)
''',
            "sign flipped: log-probabilities, not their negatives": '''
def smoothed_cross_entropy(logits, y, eps):
    log_p = F.log_softmax(logits, dim=1)
    return (1 - eps) * log_p[torch.arange(len(y)), y] + eps * log_p.mean(dim=1)
''',
        },
        "accept": {
            "smoothed one-hot target": '''
def smoothed_cross_entropy(logits, y, eps):
    k = logits.shape[1]
    target = (1 - eps) * F.one_hot(y, k).to(logits.dtype) + eps / k
    return -(target * F.log_softmax(logits, dim=1)).sum(dim=1)
''',
            "logsumexp, no log_softmax": '''
def smoothed_cross_entropy(logits, y, eps):
    lse = torch.logsumexp(logits, dim=1)
    true_logit = logits[torch.arange(len(y)), y]
    return lse - (1 - eps) * true_logit - eps * logits.mean(dim=1)
''',
            "nll_loss for the first term": '''
def smoothed_cross_entropy(logits, y, eps):
    log_p = torch.log_softmax(logits, dim=-1)
    nll = F.nll_loss(log_p, y, reduction="none")
    return (1 - eps) * nll - eps * log_p.sum(dim=-1) / logits.shape[-1]
''',
            "own max-shifted log-softmax, computed in float64": '''
def smoothed_cross_entropy(logits, y, eps):
    z = logits.double()
    shifted = z - z.max(dim=1, keepdim=True).values
    log_p = shifted - shifted.exp().sum(dim=1, keepdim=True).log()
    loss = -(1 - eps) * log_p.gather(1, y[:, None])[:, 0] - eps * log_p.mean(dim=1)
    return loss.to(logits.dtype)
''',
        },
    },
    "Exercise 3": {
        "reject": {
            "drops the last, smaller batch": '''
def minibatch_indices(n, batch_size, generator):
    order = torch.randperm(n, generator=generator)
    return [order[i * batch_size:(i + 1) * batch_size] for i in range(n // batch_size)]
''',
            "no shuffling": '''
def minibatch_indices(n, batch_size, generator):
    return list(torch.arange(n).split(batch_size))
''',
            "the global random stream instead of the generator": '''
def minibatch_indices(n, batch_size, generator):
    return list(torch.randperm(n).split(batch_size))
''',
            "chunk (number of batches) instead of split (batch size)": '''
def minibatch_indices(n, batch_size, generator):
    return list(torch.randperm(n, generator=generator).chunk(batch_size))
''',
            "a fresh permutation for every batch": '''
def minibatch_indices(n, batch_size, generator):
    count = (n + batch_size - 1) // batch_size
    return [torch.randperm(n, generator=generator)[:batch_size] for _ in range(count)]
''',
            "each batch sorted": '''
def minibatch_indices(n, batch_size, generator):
    return [batch.sort().values for batch in torch.randperm(n, generator=generator).split(batch_size)]
''',
            "one tensor of shape (batches, batch_size), padded": '''
def minibatch_indices(n, batch_size, generator):
    order = torch.randperm(n, generator=generator)
    count = (n + batch_size - 1) // batch_size
    padded = torch.cat([order, order[: count * batch_size - n]])
    return padded.view(count, batch_size)
''',
        },
        "accept": {
            "slicing in a loop": '''
def minibatch_indices(n, batch_size, generator):
    order = torch.randperm(n, generator=generator)
    batches = []
    for start in range(0, n, batch_size):
        batches.append(order[start:start + batch_size])
    return batches
''',
            "the tuple that split returns": '''
def minibatch_indices(n, batch_size, generator):
    return torch.randperm(n, generator=generator).split(batch_size)
''',
            "tensor_split at the batch boundaries": '''
def minibatch_indices(n, batch_size, generator):
    order = torch.randperm(n, generator=generator)
    return list(order.tensor_split(list(range(batch_size, n, batch_size))))
''',
        },
    },
    "Exercise 4": {
        "reject": {
            "equal losses count as improvements (<=)": '''
def early_stopping(val_losses, patience):
    best_loss, best_epoch = float("inf"), 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss <= best_loss:
            best_loss, best_epoch = loss, epoch
        elif epoch - best_epoch >= patience:
            return best_epoch, epoch
    return best_epoch, len(val_losses)
''',
            "epochs counted from 0": '''
def early_stopping(val_losses, patience):
    best_loss, best_epoch = float("inf"), 0
    for epoch, loss in enumerate(val_losses):
        if loss < best_loss:
            best_loss, best_epoch = loss, epoch
        elif epoch - best_epoch >= patience:
            return best_epoch, epoch
    return best_epoch, len(val_losses) - 1
''',
            "stops one epoch late (> patience)": '''
def early_stopping(val_losses, patience):
    best_loss, best_epoch = float("inf"), 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best_loss:
            best_loss, best_epoch = loss, epoch
        elif epoch - best_epoch > patience:
            return best_epoch, epoch
    return best_epoch, len(val_losses)
''',
            "best epoch over the whole list, also after stopping": '''
def early_stopping(val_losses, patience):
    best_epoch = min(range(len(val_losses)), key=lambda i: val_losses[i]) + 1
    best_so_far, best_so_far_epoch = float("inf"), 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best_so_far:
            best_so_far, best_so_far_epoch = loss, epoch
        elif epoch - best_so_far_epoch >= patience:
            return best_epoch, epoch
    return best_epoch, len(val_losses)
''',
            "patience counted from the previous epoch, not the best": '''
def early_stopping(val_losses, patience):
    best_loss, best_epoch, worse_in_a_row = float("inf"), 0, 0
    previous = float("inf")
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best_loss:
            best_loss, best_epoch = loss, epoch
        worse_in_a_row = worse_in_a_row + 1 if loss >= previous else 0
        previous = loss
        if worse_in_a_row >= patience:
            return best_epoch, epoch
    return best_epoch, len(val_losses)
''',
            "checks the patience before looking at the new loss": '''
def early_stopping(val_losses, patience):
    best_loss, best_epoch = float("inf"), 0
    for epoch, loss in enumerate(val_losses, start=1):
        if epoch - best_epoch >= patience and best_epoch > 0:
            return best_epoch, epoch
        if loss < best_loss:
            best_loss, best_epoch = loss, epoch
    return best_epoch, len(val_losses)
''',
            "never stopping gives no stop epoch": '''
def early_stopping(val_losses, patience):
    best_loss, best_epoch = float("inf"), 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best_loss:
            best_loss, best_epoch = loss, epoch
        elif epoch - best_epoch >= patience:
            return best_epoch, epoch
    return best_epoch, None
''',
        },
        "accept": {
            "a while loop": '''
def early_stopping(val_losses, patience):
    best_epoch, epoch = 1, 1
    while epoch <= len(val_losses):
        if val_losses[epoch - 1] < val_losses[best_epoch - 1]:
            best_epoch = epoch
        if epoch - best_epoch >= patience:
            return (best_epoch, epoch)
        epoch += 1
    return (best_epoch, len(val_losses))
''',
            "first position of the minimum of each prefix": '''
def early_stopping(val_losses, patience):
    for epoch in range(1, len(val_losses) + 1):
        seen = val_losses[:epoch]
        best_epoch = seen.index(min(seen)) + 1
        if epoch - best_epoch >= patience:
            return best_epoch, epoch
    return val_losses.index(min(val_losses)) + 1, len(val_losses)
''',
            "numpy, returning a list": '''
def early_stopping(val_losses, patience):
    losses = np.asarray(val_losses)
    best_epoch = 1
    for epoch in range(2, len(losses) + 1):
        if losses[epoch - 1] < losses[best_epoch - 1]:
            best_epoch = epoch
        elif epoch - best_epoch >= patience:
            return [best_epoch, epoch]
    return [best_epoch, len(losses)]
''',
        },
    },
}
