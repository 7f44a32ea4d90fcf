import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
from matplotlib.figure import Figure

from course_utils import plot
from course_utils.data import moons


@pytest.fixture(autouse=True)
def fresh_style():
    plt.close("all")
    plot.use_course_style(presentation=False)
    yield
    assert plt.get_fignums() == [], "a helper left a figure open in pyplot (it would show twice in Jupyter)"


def test_presentation_mode_enlarges_everything():
    normal = mpl.rcParams["font.size"]
    plot.presentation_mode()
    assert mpl.rcParams["font.size"] > normal and mpl.rcParams["figure.figsize"][0] >= 10
    plot.presentation_mode(False)
    assert mpl.rcParams["font.size"] == normal


def test_course_style_never_asks_for_svg():
    assert mpl.rcParams["svg.hashsalt"] == "course"


def test_decision_boundary_accepts_modules_and_functions():
    x, y = moons(n=60, seed=0)
    model = torch.nn.Linear(2, 2)
    for predict in (model, lambda g: g[:, 0], lambda g: torch.sigmoid(g[:, 1]), lambda g: (g[:, 0] > 0).long()):
        fig = plot.decision_boundary(predict, x, y, title="t")
        assert isinstance(fig, Figure) and fig.axes[0].get_title() == "t"


def test_decision_boundary_draws_into_a_given_axis():
    x, y = moons(n=60, seed=0)
    fig, ax = plt.subplots()
    assert plot.decision_boundary(lambda g: g[:, 0], x, y, ax=ax) is fig
    plt.close(fig)


def test_image_grid_layout_and_captions():
    fig = plot.image_grid(torch.rand(10, 1, 8, 8), labels=list(range(10)), ncols=4, title="digits")
    assert len(fig.axes) == 12  # 3 rows of 4
    assert [ax.get_title() for ax in fig.axes[:10]] == [str(i) for i in range(10)]
    assert fig._suptitle.get_text() == "digits"


def test_loss_curves_splits_losses_and_accuracies():
    fig = plot.loss_curves({"train_loss": [1, 0.5], "val_loss": [1.1, 0.7], "train_acc": [0.5, 0.8]})
    assert len(fig.axes) == 2
    assert len(fig.axes[0].lines) == 2 and len(fig.axes[1].lines) == 1


def test_live_plot_headless_gives_one_final_figure(monkeypatch):
    monkeypatch.setenv("COURSE_HEADLESS", "1")
    live = plot.LivePlot()
    assert not live.live
    for loss in (1.0, 0.5, 0.25):
        live.update(train_loss=loss)
    assert live.history == {"train_loss": [1.0, 0.5, 0.25]}
    assert isinstance(live.close(), Figure)


def test_filters_and_feature_maps():
    assert len(plot.filters(torch.randn(6, 1, 5, 5)).axes) == 6 + 1  # and the colour bar
    assert len(plot.filters(torch.randn(4, 64)).axes) == 4 + 1
    with pytest.raises(ValueError, match="square"):
        plot.filters(torch.randn(4, 10))
    assert len(plot.feature_maps(torch.randn(1, 3, 7, 7)).axes) == 3


def test_attention_map_labels():
    fig = plot.attention_map(torch.softmax(torch.randn(3, 4), 1), x_labels=list("abcd"), y_labels=list("xyz"))
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == list("abcd")


def test_optimizer_path_draws_each_path():
    paths = {"a": [(1.0, 1.0), (0.5, 0.5), (0.0, 0.0)], "b": [torch.tensor([1.0, -1.0]), torch.tensor([0.0, 0.0])]}
    fig = plot.optimizer_path(lambda a, b: a**2 + b**2, paths, xlim=(-2, 2), ylim=(-2, 2), log_levels=True)
    labels = [line.get_label() for line in fig.axes[0].lines]
    assert "a" in labels and "b" in labels


def test_filters_share_one_symmetric_scale():
    weights = torch.zeros(2, 1, 3, 3)
    weights[0, 0, 0, 0], weights[1, 0, 0, 0] = 0.1, -2.0  # very different magnitudes
    fig = plot.filters(weights)
    limits = {im.get_clim() for ax in fig.axes for im in ax.get_images()}
    assert limits == {(-2.0, 2.0)}
    assert fig.axes[-1].get_ylabel() == "weight"


def test_decision_boundary_has_equal_axes_and_a_class_legend():
    x = torch.tensor([[0.0, 0.0], [1.0, 3.0], [2.0, 1.0]])
    y = torch.tensor([0, 1, 2])
    fig = plot.decision_boundary(lambda g: (g[:, 0] > 1).long(), x, y, class_names=["a", "b", "c"])
    ax = fig.axes[0]
    assert ax.get_aspect() == 1.0
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b", "c"]


def test_optimizer_paths_take_given_colours_on_equal_axes():
    paths = {"momentum": [(1.0, 1.0), (0.0, 0.0)], "Adam": [(1.0, -1.0), (0.0, 0.0)]}
    fig = plot.optimizer_path(lambda a, b: a**2 + 10 * b**2, paths, (-2, 2), (-2, 2), colors={"Adam": "#000000"})
    ax = fig.axes[0]
    colours = [line.get_color() for line in ax.get_lines() if line.get_label() in paths]
    assert colours == [plot.CLASS_COLORS[0], "#000000"]
    assert ax.get_aspect() == 1.0
