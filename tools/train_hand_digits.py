#!/usr/bin/python3
"""Trains the hand-digit classifier, models/hand-digits.yml.gz (see models/README.md).

usage: train_hand_digits.py SET_PREFIX OUT.yml.gz [--epochs 12] [--seed 7]

SET_PREFIX is what tools/hand_digit_features wrote: .images (28 × 28 bytes per digit, as
NormaliseDigit makes them), .labels, .sets. A small convolutional network (two 5 × 5
convolutions of 16 and 32 channels, each ReLU and 2 × 2 max-pooled, a hidden layer of 64, a
softmax over the ten digits and "no digit", the scribbles' class) trained with Adam on cross-entropy, each batch shifted by up to two
pixels (centring by mass is not exact on a digit cut from its neighbour). Needs Debian's
python3-torch (training only: the build and the product never run Python). Written as OpenCV
FileStorage matrices in the layout pipeline/ocr/hand_digits.cc multiplies: each convolution as
a (channels_in · 25) × channels_out matrix over im2col rows, the hidden layer's rows in
(position, channel) order. Prints accuracy on the MNIST-style held-out digits and the real pen
digits held out by document.
"""
import argparse
import gzip
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

CLASSES = 11  # the digits 0-9 and 10, ink that is no digit


def load(prefix):
    labels = np.fromfile(prefix + ".labels", dtype=np.uint8).astype(np.int64)
    sets = np.fromfile(prefix + ".sets", dtype=np.uint8)
    images = np.fromfile(prefix + ".images", dtype=np.uint8).reshape(len(labels), 1, 28, 28)
    return images.astype(np.float32) / 255.0, labels, sets


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 5)
        self.conv2 = nn.Conv2d(16, 32, 5)
        self.hidden = nn.Linear(32 * 4 * 4, 64)
        self.out = nn.Linear(64, CLASSES)
        self.drop = nn.Dropout(0.3)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.out(self.drop(F.relu(self.hidden(x.flatten(1)))))


def train(x, y, epochs, seed):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    net = Net()
    optimiser = torch.optim.Adam(net.parameters(), lr=1e-3, weight_decay=1e-5)
    schedule = torch.optim.lr_scheduler.StepLR(optimiser, step_size=5, gamma=0.5)
    for _ in range(epochs):
        net.train()
        order = torch.from_numpy(rng.permutation(len(y)))
        for start in range(0, len(y), 128):
            batch = order[start:start + 128]
            dy, dx = (int(v) for v in rng.integers(-2, 3, 2))
            loss = F.cross_entropy(net(torch.roll(x[batch], shifts=(dy, dx), dims=(2, 3))), y[batch])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        schedule.step()
    return net.eval()


def accuracy(net, x, y):
    if len(y) == 0:
        return float("nan")
    with torch.no_grad():
        return 100.0 * np.mean(net(torch.from_numpy(x)).argmax(1).numpy() == y)


def matrices(net):
    """The weights in the layout hand_digits.cc multiplies."""
    def value(t):
        return t.detach().numpy().astype(np.float32)
    hidden = value(net.hidden.weight).reshape(64, 32, 16).transpose(2, 1, 0).reshape(512, 64)
    return [("conv1_w", value(net.conv1.weight).reshape(16, -1).T), ("conv1_b", value(net.conv1.bias)),
            ("conv2_w", value(net.conv2.weight).reshape(32, -1).T), ("conv2_b", value(net.conv2.bias)),
            ("hidden_w", hidden), ("hidden_b", value(net.hidden.bias)),
            ("out_w", value(net.out.weight).T), ("out_b", value(net.out.bias))]


def write_matrix(out, name, matrix):
    matrix = np.atleast_2d(matrix)
    values = ", ".join("%.6g" % value for value in matrix.ravel())
    out.write("%s: !!opencv-matrix\n   rows: %d\n   cols: %d\n   dt: f\n   data: [ %s ]\n"
              % (name, matrix.shape[0], matrix.shape[1], values))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sets")
    ap.add_argument("out")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    torch.set_num_threads(2)
    x, y, sets = load(args.sets)
    net = train(x[sets == 0], y[sets == 0], args.epochs, args.seed)
    print("accuracy: MNIST-style held out %.2f %% (%d), real pen digits held out %.2f %% (%d)"
          % (accuracy(net, x[sets == 1], y[sets == 1]), np.sum(sets == 1),
             accuracy(net, x[sets == 2], y[sets == 2]), np.sum(sets == 2)))
    with gzip.open(args.out, "wt") as out:
        out.write("%YAML:1.0\n---\n")
        for name, matrix in matrices(net):
            write_matrix(out, name, matrix)


if __name__ == "__main__":
    main()
