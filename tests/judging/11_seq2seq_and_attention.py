"""Answers the exercise checks of 11_seq2seq_and_attention.ipynb must judge correctly."""

EXERCISES = {
    "Exercise 1": {
        "reject": {
            "averages over the padding too": '''
def masked_cross_entropy(scores, labels, lengths):
    return F.cross_entropy(scores.flatten(0, 1), labels.flatten())
''',
            "mean of each row, then mean of the rows": '''
def masked_cross_entropy(scores, labels, lengths):
    mask = torch.arange(labels.shape[1], device=scores.device) < lengths[:, None]
    losses = F.cross_entropy(scores.transpose(1, 2), labels, reduction="none")
    return ((losses * mask).sum(dim=1) / mask.sum(dim=1)).mean()
''',
            "off by one: counts the first padding position": '''
def masked_cross_entropy(scores, labels, lengths):
    mask = torch.arange(labels.shape[1], device=scores.device) <= lengths[:, None]
    losses = F.cross_entropy(scores.transpose(1, 2), labels, reduction="none")
    return (losses * mask).sum() / mask.sum()
''',
            "divides by B * n instead of the number of real positions": '''
def masked_cross_entropy(scores, labels, lengths):
    mask = torch.arange(labels.shape[1], device=scores.device) < lengths[:, None]
    losses = F.cross_entropy(scores.transpose(1, 2), labels, reduction="none")
    return (losses * mask).mean()
''',
            "log-softmax over the wrong axis": '''
def masked_cross_entropy(scores, labels, lengths):
    mask = torch.arange(labels.shape[1], device=scores.device) < lengths[:, None]
    logp = torch.log_softmax(scores, dim=1).gather(2, labels[:, :, None])[:, :, 0]
    return -(logp * mask).sum() / mask.sum()
''',
            "returns a Python float": '''
def masked_cross_entropy(scores, labels, lengths):
    mask = torch.arange(labels.shape[1], device=scores.device) < lengths[:, None]
    losses = F.cross_entropy(scores.transpose(1, 2), labels, reduction="none")
    return ((losses * mask).sum() / mask.sum()).item()
''',
            "mask created on the CPU": '''
def masked_cross_entropy(scores, labels, lengths):
    mask = torch.arange(labels.shape[1]) < lengths[:, None]
    losses = F.cross_entropy(scores.transpose(1, 2), labels, reduction="none")
    return (losses * mask).sum() / mask.sum()
''',
        },
        "accept": {
            "ignore_index on padded labels": '''
def masked_cross_entropy(scores, labels, lengths):
    padding = torch.arange(labels.shape[1], device=labels.device) >= lengths[:, None]
    return F.cross_entropy(scores.flatten(0, 1), labels.masked_fill(padding, -100).flatten(), ignore_index=-100)
''',
            "log_softmax, gather and torch.where": '''
def masked_cross_entropy(scores, labels, lengths):
    logp = torch.log_softmax(scores, dim=-1).gather(-1, labels.unsqueeze(-1)).squeeze(-1)
    real = torch.arange(labels.shape[1], device=scores.device)[None, :] < lengths.unsqueeze(1)
    return -torch.where(real, logp, torch.zeros_like(logp)).sum() / lengths.sum()
''',
            "a loop over rows, summing losses": '''
def masked_cross_entropy(scores, labels, lengths):
    total = 0
    for b in range(len(labels)):
        n = int(lengths[b])
        total = total + F.cross_entropy(scores[b, :n], labels[b, :n], reduction="sum")
    return total / lengths.sum()
''',
        },
    },
    "Exercise 2": {
        "reject": {
            "plain softmax, no mask": '''
def masked_attention_weights(scores, lengths):
    return torch.softmax(scores, dim=-1)
''',
            "padding scores set to 0 instead of -inf": '''
def masked_attention_weights(scores, lengths):
    mask = torch.arange(scores.shape[1], device=scores.device) < lengths[:, None]
    return torch.softmax(scores.masked_fill(~mask, 0.0), dim=-1)
''',
            "softmax first, then zero the padding (no renormalising)": '''
def masked_attention_weights(scores, lengths):
    mask = torch.arange(scores.shape[1], device=scores.device) < lengths[:, None]
    return torch.softmax(scores, dim=-1) * mask
''',
            "off by one in the mask": '''
def masked_attention_weights(scores, lengths):
    mask = torch.arange(scores.shape[1], device=scores.device) <= lengths[:, None]
    return torch.softmax(scores.masked_fill(~mask, float("-inf")), dim=-1)
''',
            "softmax over the batch axis": '''
def masked_attention_weights(scores, lengths):
    mask = torch.arange(scores.shape[1], device=scores.device) < lengths[:, None]
    return torch.softmax(scores.masked_fill(~mask, float("-inf")), dim=0).nan_to_num(0.0)
''',
            "mask created on the CPU": '''
def masked_attention_weights(scores, lengths):
    mask = torch.arange(scores.shape[1]) < lengths[:, None]
    return torch.softmax(scores.masked_fill(~mask, float("-inf")), dim=-1)
''',
        },
        "accept": {
            "exp with a shift, masked, divided by the sum": '''
def masked_attention_weights(scores, lengths):
    real = torch.arange(scores.shape[1], device=scores.device)[None, :] < lengths[:, None]
    shifted = scores - scores.max(dim=1, keepdim=True).values
    e = torch.exp(shifted) * real
    return e / e.sum(dim=1, keepdim=True)
''',
            "torch.where with -inf": '''
def masked_attention_weights(scores, lengths):
    positions = torch.arange(scores.size(-1), device=scores.device).expand_as(scores)
    masked = torch.where(positions < lengths.unsqueeze(-1), scores, torch.full_like(scores, float("-inf")))
    return F.softmax(masked, dim=-1)
''',
            "a loop over rows with F.pad": '''
def masked_attention_weights(scores, lengths):
    rows = []
    for b in range(scores.shape[0]):
        n = int(lengths[b])
        rows.append(F.pad(F.softmax(scores[b, :n], dim=0), (0, scores.shape[1] - n)))
    return torch.stack(rows)
''',
        },
    },
    "Exercise 3": {
        "reject": {
            "W on the wrong side (z^T W g)": '''
def luong_attention(g, states, lengths, W):
    scores = torch.einsum("bk,hk,bth->bt", g, W, states)
    mask = torch.arange(states.shape[1], device=states.device) < lengths[:, None]
    alpha = torch.softmax(scores.masked_fill(~mask, float("-inf")), dim=-1)
    return (alpha[:, :, None] * states).sum(dim=1), alpha
''',
            "plain dot product, W ignored": '''
def luong_attention(g, states, lengths, W):
    scores = (states @ g[:, :, None])[:, :, 0]
    mask = torch.arange(states.shape[1], device=states.device) < lengths[:, None]
    alpha = torch.softmax(scores.masked_fill(~mask, float("-inf")), dim=-1)
    return (alpha[:, :, None] * states).sum(dim=1), alpha
''',
            "no padding mask": '''
def luong_attention(g, states, lengths, W):
    scores = torch.einsum("bh,hk,btk->bt", g, W, states)
    alpha = torch.softmax(scores, dim=-1)
    return (alpha[:, :, None] * states).sum(dim=1), alpha
''',
            "context summed over the hidden axis": '''
def luong_attention(g, states, lengths, W):
    scores = torch.einsum("bh,hk,btk->bt", g, W, states)
    mask = torch.arange(states.shape[1], device=states.device) < lengths[:, None]
    alpha = torch.softmax(scores.masked_fill(~mask, float("-inf")), dim=-1)
    return (alpha[:, :, None] * states).sum(dim=2), alpha
''',
            "a Python loop over the batch": '''
def luong_attention(g, states, lengths, W):
    contexts, alphas = [], []
    for b in range(len(g)):
        n = int(lengths[b])
        a = torch.softmax(states[b, :n] @ (W.T @ g[b]), dim=0)
        contexts.append(a @ states[b, :n])
        alphas.append(F.pad(a, (0, states.shape[1] - n)))
    return torch.stack(contexts), torch.stack(alphas)
''',
            "mask created on the CPU": '''
def luong_attention(g, states, lengths, W):
    scores = torch.einsum("bh,hk,btk->bt", g, W, states)
    mask = torch.arange(states.shape[1]) < lengths[:, None]
    alpha = torch.softmax(scores.masked_fill(~mask, float("-inf")), dim=-1)
    return (alpha[:, :, None] * states).sum(dim=1), alpha
''',
        },
        "accept": {
            "keys W z first, then bmm": '''
def luong_attention(g, states, lengths, W):
    keys = states @ W.T  # row j is W z^[j]
    scores = torch.bmm(keys, g.unsqueeze(2)).squeeze(2)
    padding = torch.arange(states.size(1), device=g.device)[None] >= lengths[:, None]
    alpha = F.softmax(scores.masked_fill(padding, -float("inf")), dim=1)
    context = torch.bmm(alpha.unsqueeze(1), states).squeeze(1)
    return context, alpha
''',
            "query g^T W first, reusing Exercise 2's function": '''
def luong_attention(g, states, lengths, W):
    query = g @ W  # (B, H): g^T W
    alpha = masked_attention_weights((states * query[:, None, :]).sum(-1), lengths)
    return torch.einsum("bt,bth->bh", alpha, states), alpha
''',
        },
    },
    "Exercise 4": {
        "reject": {
            "counts the </s> step too": '''
@torch.no_grad()
def teacher_forced_accuracy(model, src, lengths, tgt):
    model.eval()
    where = next(model.parameters()).device
    scores = model(src.to(where), lengths.to(where), tgt[:, :-1].to(where))
    return (scores.argmax(dim=-1).cpu() == tgt[:, 1:]).float().mean().item()
''',
            "compares with the inputs, not the labels (no shift)": '''
@torch.no_grad()
def teacher_forced_accuracy(model, src, lengths, tgt):
    model.eval()
    where = next(model.parameters()).device
    scores = model(src.to(where), lengths.to(where), tgt[:, :-1].to(where))
    return (scores[:, :10].argmax(dim=-1).cpu() == tgt[:, :10]).float().mean().item()
''',
            "greedy decoding instead of teacher forcing": '''
@torch.no_grad()
def teacher_forced_accuracy(model, src, lengths, tgt):
    where = next(model.parameters()).device
    predicted, _ = greedy_decode(model, src.to(where), lengths.to(where))
    return (predicted[:, :10].cpu() == tgt[:, 1:11]).float().mean().item()
''',
            "whole rows right (exact match), not characters": '''
@torch.no_grad()
def teacher_forced_accuracy(model, src, lengths, tgt):
    model.eval()
    where = next(model.parameters()).device
    scores = model(src.to(where), lengths.to(where), tgt[:, :-1].to(where))
    return (scores[:, :10].argmax(dim=-1).cpu() == tgt[:, 1:11]).all(dim=1).float().mean().item()
''',
            "a number copied from the trained model": '''
def teacher_forced_accuracy(model, src, lengths, tgt):
    return 0.99
''',
            "per-position accuracies, not one number": '''
@torch.no_grad()
def teacher_forced_accuracy(model, src, lengths, tgt):
    scores = model(src, lengths, tgt[:, :-1])
    return (scores[:, :10].argmax(dim=-1) == tgt[:, 1:11]).float().mean(dim=0)
''',
        },
        "accept": {
            "returns a 0-dim tensor, steps through model.step": '''
@torch.no_grad()
def teacher_forced_accuracy(model, src, lengths, tgt):
    model.eval()
    where = next(model.parameters()).device
    src, lengths, tgt = src.to(where), lengths.to(where), tgt.to(where)
    memory = model.encode(src, lengths)
    g, right = memory.final, []
    for t in range(10):
        logits, g, _ = model.step(tgt[:, t], g, memory)
        right.append(logits.argmax(dim=-1) == tgt[:, t + 1])
    return torch.stack(right).double().mean()
''',
            "counts hits and divides": '''
def teacher_forced_accuracy(model, src, lengths, tgt):
    model.eval()
    with torch.no_grad():
        scores = model(src.to(device), lengths.to(device), tgt[:, :-1].to(device)).cpu()
    hits = (scores.argmax(-1)[:, :10] == tgt[:, 1:11]).sum().item()
    return hits / (10 * len(tgt))
''',
        },
    },
}
