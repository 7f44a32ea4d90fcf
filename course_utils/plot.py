"""One plotting style for the course, and the figures the notebooks draw again and again.

Every function returns its ``Figure`` and never calls ``plt.show()``: make the call the last line
of a cell and Jupyter shows it once. A figure a function creates itself is released from pyplot;
given ``ax=``, it draws into your figure. Figures are PNG (SVG embeds random ids).
"""
from __future__ import annotations

import math
import os
from typing import Callable, Iterable, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.figure import Figure

_STYLE = {
    "figure.figsize": (6.0, 4.0),
    "figure.dpi": 80,
    "savefig.dpi": 80,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.frameon": False,
    "image.cmap": "viridis",
    "svg.hashsalt": "course",
}
_PRESENTATION = {
    "figure.figsize": (10.0, 6.0),
    "figure.dpi": 100,
    "font.size": 16,
    "axes.titlesize": 20,
    "axes.labelsize": 18,
    "xtick.labelsize": 14,
    "ytick.labelsize": 14,
    "legend.fontsize": 14,
    "lines.linewidth": 3.0,
    "lines.markersize": 9.0,
}
CLASS_COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]


def use_course_style(presentation: bool | None = None) -> None:
    """Apply the course style and ask Jupyter for PNG figures (never SVG).
    ``presentation`` (default: ``COURSE_PRESENTATION=1``) sizes everything for a projector."""
    mpl.rcParams.update(_STYLE)
    if presentation is None:
        presentation = os.environ.get("COURSE_PRESENTATION", "") == "1"
    if presentation:
        mpl.rcParams.update(_PRESENTATION)
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("png")
    except ImportError:  # outside Jupyter
        pass


def presentation_mode(on: bool = True) -> None:
    """Switch plots to projector size (large fonts, thick lines) for live teaching, or back."""
    mpl.rcParams.update(mpl.rcParamsDefault)
    use_course_style(presentation=on)


def _to_numpy(x) -> np.ndarray:
    return x.detach().cpu().numpy() if isinstance(x, torch.Tensor) else np.asarray(x)


def _figure(ax=None, figsize=None):
    if ax is not None:
        return ax.figure, ax
    return _detached(*plt.subplots(figsize=figsize))


def _detached(fig, axes):
    """Release a new figure from pyplot, so that Jupyter shows it once, as the cell's value,
    rather than once as the cell's value and again as an open pyplot figure."""
    plt.close(fig)
    return fig, axes


def decision_boundary(
    predict: Callable[[torch.Tensor], torch.Tensor] | torch.nn.Module,
    x: torch.Tensor,
    y: torch.Tensor,
    ax=None,
    title: str = "Decision boundary",
    resolution: int = 200,
    padding: float = 0.5,
    class_names: Sequence[str] | None = None,
    legend: bool = True,
) -> Figure:
    """Shade the plane by the class ``predict`` gives each point, and scatter the data, on equal
    axes (a circle looks like a circle), with a legend naming each class's colour.

    ``predict`` maps an ``(N, 2)`` float tensor to class scores ``(N, C)``, one score per point
    ``(N,)`` (thresholded at 0.5 if in [0, 1], else at 0), or class ids. ``legend=False`` leaves the
    legend out (for a grid of panels that shares one figure legend).
    """
    x_np, y_np = _to_numpy(x), _to_numpy(y)
    lo, hi = x_np.min(0) - padding, x_np.max(0) + padding
    g0, g1 = np.meshgrid(np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution))
    grid = torch.tensor(np.stack([g0.ravel(), g1.ravel()], 1), dtype=torch.float32)
    if isinstance(predict, torch.nn.Module):
        param = next(predict.parameters(), None)
        if param is not None:
            grid = grid.to(param.device)
    with torch.no_grad():
        out = predict(grid)
    out = _to_numpy(out)
    if out.ndim == 2 and out.shape[1] > 1:
        classes = out.argmax(1)
    else:
        out = out.reshape(-1)
        if np.issubdtype(out.dtype, np.integer):
            classes = out
        else:
            threshold = 0.5 if out.min() >= 0 and out.max() <= 1 else 0.0
            classes = (out > threshold).astype(int)
    n_classes = int(max(classes.max(), y_np.max())) + 1
    cmap = mpl.colors.ListedColormap(CLASS_COLORS[:n_classes])
    fig, ax = _figure(ax)
    ax.contourf(g0, g1, classes.reshape(g0.shape), levels=np.arange(n_classes + 1) - 0.5, cmap=cmap, alpha=0.25)
    ax.scatter(x_np[:, 0], x_np[:, 1], c=y_np, cmap=cmap, vmin=-0.5, vmax=n_classes - 0.5, s=18, edgecolors="white", linewidths=0.5)
    ax.set(xlabel="$x_1$", ylabel="$x_2$", title=title, xlim=(lo[0], hi[0]), ylim=(lo[1], hi[1]))
    ax.set_aspect("equal")
    if not legend:
        return fig
    names = list(class_names) if class_names is not None else [f"class {c}" for c in range(n_classes)]
    handles = [mpl.lines.Line2D([], [], marker="o", linestyle="", color=CLASS_COLORS[c], markeredgecolor="white", label=names[c])
               for c in range(n_classes)]
    ax.legend(handles=handles, loc="best", fontsize=8, framealpha=0.8, frameon=True,
              title="dots: data\nshading: prediction", title_fontsize=8)
    return fig


def image_grid(
    images: torch.Tensor | Sequence,
    labels: Sequence | None = None,
    ncols: int = 8,
    title: str | None = None,
    cmap: str = "gray",
    size: float = 1.2,
    symmetric: bool = False,
    shared_scale: bool = False,
    colorbar_label: str | None = None,
) -> Figure:
    """Show images ``(N, H, W)``, ``(N, 1, H, W)`` or ``(N, H, W, 3)`` in a grid, with optional
    captions. ``symmetric`` centres the colour scale on 0 (for weights); ``shared_scale`` gives
    every image the same scale, shown by a colour bar, so that images can be compared."""
    imgs = [_to_numpy(im) for im in images]
    imgs = [im[0] if im.ndim == 3 and im.shape[0] == 1 else im for im in imgs]
    n = len(imgs)
    ncols = min(ncols, n)
    nrows = math.ceil(n / ncols)
    row_height = size + (0.3 if labels is not None else 0)  # room for the captions
    fig, axes = _detached(*plt.subplots(nrows, ncols, figsize=(size * ncols, row_height * nrows + (0.4 if title else 0)), squeeze=False))
    shared_limit = max(float(np.abs(im).max()) for im in imgs) or 1.0
    shared_range = (min(float(im.min()) for im in imgs), max(float(im.max()) for im in imgs))
    image = None
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i >= n:
            continue
        kwargs = {}
        if symmetric:
            limit = shared_limit if shared_scale else (float(np.abs(imgs[i]).max()) or 1.0)
            kwargs = {"vmin": -limit, "vmax": limit}
        elif shared_scale:
            kwargs = {"vmin": shared_range[0], "vmax": shared_range[1]}
        image = ax.imshow(imgs[i], cmap=("RdBu_r" if symmetric else cmap), **kwargs)
        if labels is not None:
            ax.set_title(str(labels[i]), fontsize=9)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    if shared_scale and image is not None:
        bar = fig.colorbar(image, ax=list(axes.flat), fraction=0.02, pad=0.02)
        if colorbar_label:
            bar.set_label(colorbar_label)
    return fig


def loss_curves(history: dict[str, list[float]], title: str = "Training curves", xlabel: str = "epoch") -> Figure:
    """Plot every series of a training history: losses on the left, accuracies on the right."""
    losses = {k: v for k, v in history.items() if "loss" in k and v}
    accs = {k: v for k, v in history.items() if "acc" in k and v}
    fig, axes = _detached(*plt.subplots(1, 2 if accs else 1, figsize=(11 if accs else 6, 4), squeeze=False))
    for name, values in losses.items():
        axes[0, 0].plot(range(1, len(values) + 1), values, marker="o", label=name)
    axes[0, 0].set(xlabel=xlabel, ylabel="loss", title=title)
    axes[0, 0].legend()
    if accs:
        for name, values in accs.items():
            axes[0, 1].plot(range(1, len(values) + 1), values, marker="o", label=name)
        axes[0, 1].set(xlabel=xlabel, ylabel="accuracy", title="Accuracy")
        axes[0, 1].legend()
    fig.tight_layout()
    return fig


def _in_live_frontend() -> bool:
    """True inside a Jupyter kernel that a person is watching (not a headless run)."""
    if os.environ.get("COURSE_HEADLESS", "") == "1":
        return False
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:
        return False
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


class LivePlot:
    """Loss/accuracy curves that redraw during training in Jupyter; headless (``COURSE_HEADLESS=1``
    or outside Jupyter) it draws nothing until ``close()``, which returns one final figure."""

    def __init__(self, title: str = "Training", xlabel: str = "epoch"):
        self.title, self.xlabel = title, xlabel
        self.history: dict[str, list[float]] = {}
        self.live = _in_live_frontend()
        self._handle = None

    def update(self, **values: float) -> None:
        """Append one point to each named series (e.g. ``train_loss=0.3, val_acc=0.9``) and redraw."""
        for name, value in values.items():
            self.history.setdefault(name, []).append(float(value))
        if self.live:
            from IPython.display import display

            fig = loss_curves(self.history, title=self.title, xlabel=self.xlabel)
            if self._handle is None:
                self._handle = display(fig, display_id=True)
            else:
                self._handle.update(fig)
            plt.close(fig)

    def close(self) -> Figure | None:
        """Finish: return the final figure when headless (to display once), else ``None``."""
        if self.live or not self.history:
            return None
        return loss_curves(self.history, title=self.title, xlabel=self.xlabel)


def filters(weights: torch.Tensor, ncols: int = 8, title: str = "Filters") -> Figure:
    """Show convolution filters ``(out, in, kH, kW)`` (first input channel) or weight rows reshaped
    to squares, on one colour scale centred at zero (red positive, blue negative) with a colour bar."""
    w = weights.detach().cpu()
    if w.ndim == 4:
        w = w[:, 0]
    elif w.ndim == 2:
        side = int(math.isqrt(w.shape[1]))
        if side * side != w.shape[1]:
            raise ValueError(f"Cannot show weight rows of length {w.shape[1]} as square images.")
        w = w.reshape(-1, side, side)
    return image_grid(w, ncols=ncols, title=title, symmetric=True, shared_scale=True, colorbar_label="weight")


def feature_maps(maps: torch.Tensor, ncols: int = 8, title: str = "Feature maps", limit: int = 32) -> Figure:
    """Show the channels of one example's activations ``(C, H, W)`` (or ``(1, C, H, W)``)."""
    m = maps.detach().cpu()
    if m.ndim == 4:
        m = m[0]
    return image_grid(m[:limit], labels=[f"ch {i}" for i in range(min(limit, len(m)))], ncols=ncols, title=title, cmap="viridis")


def attention_map(
    weights: torch.Tensor,
    x_labels: Sequence[str] | None = None,
    y_labels: Sequence[str] | None = None,
    title: str = "Attention weights",
    ax=None,
    xlabel: str = "attended position (keys)",
    ylabel: str = "output position (queries)",
) -> Figure:
    """Heatmap of attention weights ``(queries, keys)``, rows summing to one."""
    w = _to_numpy(weights)
    fig, ax = _figure(ax, figsize=(max(4, 0.35 * w.shape[1] + 2), max(3, 0.35 * w.shape[0] + 1.5)))
    image = ax.imshow(w, cmap="Blues", vmin=0, vmax=max(float(w.max()), 1e-8), aspect="auto")
    ax.grid(False)
    if x_labels is not None:
        ax.set_xticks(range(len(x_labels)), list(x_labels), rotation=90)
    if y_labels is not None:
        ax.set_yticks(range(len(y_labels)), list(y_labels))
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    return fig


def optimizer_path(
    f: Callable[[np.ndarray, np.ndarray], np.ndarray],
    paths: dict[str, Iterable[Sequence[float]]],
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    title: str = "Optimizer paths",
    levels: int | Sequence[float] = 30,
    log_levels: bool = False,
    ax=None,
    colors: dict[str, str] | None = None,
) -> Figure:
    """Contour plot of a 2-D function ``f(X, Y)`` with one or more optimisation paths drawn on it,
    on equal axes (an elongated valley looks elongated), a star at each path's end. ``colors`` maps
    a path's name to its colour (keep one colour per method across a notebook's figures); paths
    it does not name take the class colours in order."""
    fig, ax = _figure(ax, figsize=(7, 5))
    gx, gy = np.meshgrid(np.linspace(*xlim, 300), np.linspace(*ylim, 300))
    z = f(gx, gy)
    if log_levels:
        levels = np.logspace(np.log10(max(z.min(), 1e-6)), np.log10(z.max()), levels if isinstance(levels, int) else len(levels))
    ax.contour(gx, gy, z, levels=levels, cmap="Greys", linewidths=0.7)
    for i, (name, path) in enumerate(paths.items()):
        p = np.array([_to_numpy(point) for point in path], dtype=float)
        color = (colors or {}).get(name, CLASS_COLORS[i % len(CLASS_COLORS)])
        ax.plot(p[:, 0], p[:, 1], "-o", color=color, markersize=3, linewidth=1.5, label=name)
        ax.plot(p[-1, 0], p[-1, 1], "*", color=color, markersize=12)
    ax.set(xlim=xlim, ylim=ylim, xlabel=r"$\theta_1$", ylabel=r"$\theta_2$", title=title)
    ax.set_aspect("equal")
    ax.grid(False)
    if paths:
        ax.legend(loc="upper right")
    return fig
