import pytest
import torch
from torch import nn

from course_utils.data import TensorBatches, xor
from course_utils.train import accuracy, count_parameters, evaluate, fit


def test_count_parameters():
    model = nn.Sequential(nn.Linear(3, 2), nn.Linear(2, 1))
    assert count_parameters(model) == 3 * 2 + 2 + 2 + 1
    model[0].weight.requires_grad_(False)
    assert count_parameters(model) == 5
    assert count_parameters(model, trainable_only=False) == 11


def test_accuracy_for_class_scores_and_single_logits():
    scores = torch.tensor([[2.0, 1.0], [0.0, 3.0], [1.0, 0.0]])
    assert accuracy(scores, torch.tensor([0, 1, 1])) == pytest.approx(2 / 3)
    assert accuracy(torch.tensor([2.0, -1.0, 0.5]), torch.tensor([1, 0, 0])) == pytest.approx(2 / 3)


def test_fit_reduces_the_loss_on_a_tiny_problem():
    torch.manual_seed(0)
    x, y = xor(n=256, seed=0)
    model = nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 2))
    batches = TensorBatches(x, y, batch_size=32, generator=torch.Generator().manual_seed(0))
    val = TensorBatches(x, y, batch_size=128, shuffle=False)
    before, _ = evaluate(model, val, nn.functional.cross_entropy)
    history = fit(model, batches, nn.functional.cross_entropy, torch.optim.Adam(model.parameters(), lr=0.05),
                  epochs=15, val_batches=val, progress=False)
    assert set(history) == {"train_loss", "train_acc", "val_loss", "val_acc"}
    assert all(len(v) == 15 for v in history.values())
    assert history["val_loss"][-1] < 0.5 * before
    assert history["val_acc"][-1] > 0.95
    assert model.training  # fit leaves the model in training mode


def test_evaluate_restores_the_mode_and_needs_batches():
    model = nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.5))
    model.eval()
    loss, acc = evaluate(model, [(torch.zeros(4, 2), torch.zeros(4, dtype=torch.long))], nn.functional.cross_entropy)
    assert not model.training and 0 <= acc <= 1 and loss > 0
    with pytest.raises(ValueError, match="no batches"):
        evaluate(model, [], nn.functional.cross_entropy)


def test_fit_with_live_plot_headless_and_scheduler(monkeypatch, capsys):
    monkeypatch.setenv("COURSE_HEADLESS", "1")
    model = nn.Linear(2, 2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
    x, y = xor(n=32, seed=0)
    fit(model, TensorBatches(x, y, batch_size=16), nn.functional.cross_entropy, optimizer, epochs=2,
        scheduler=scheduler, progress=False, live_plot=True)
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 * 0.5**4)  # stepped once per batch
    assert "Figure" in capsys.readouterr().out  # the one final figure, shown outside Jupyter as its repr
