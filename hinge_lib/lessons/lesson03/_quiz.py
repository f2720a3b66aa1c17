"""Lesson 03's concept checks, in jupyterquiz's format (plain text: LaTeX is not typeset offline)."""

QUIZ = [
    {
        "question": "A class -1 point sits exactly on its margin: y = -1 and score s = -1, so y s = 1. Which number is "
                    "a valid subgradient of its hinge loss max(0, 1 - y s) with respect to s?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "-1", "correct": False,
             "feedback": "-1 belongs to a class +1 point. For y = -1 the loss is max(0, 1 + s): slope +1 on the sloped "
                         "side, 0 on the flat side, so the valid slopes at the kink are [0, 1]."},
            {"answer": "0.5", "correct": True,
             "feedback": "Right. Any slope between the two one-sided slopes, 0 and -y = +1, gives a line through the "
                         "kink that stays below the loss. hinge_lib picks 0; PyTorch's clamp picks +1 (lesson 08)."},
            {"answer": "1.5", "correct": False,
             "feedback": "Too steep: the line 1.5 (s + 1) through the kink rises above the loss on the sloped side "
                         "(at s = 0 the line is at 1.5, the loss at 1)."},
            {"answer": "None: the loss has no derivative there", "correct": False,
             "feedback": "It has no derivative, but a convex function has subgradients everywhere; at the kink a "
                         "whole interval of them, [0, 1] here."},
        ],
    },
    {
        "question": "N = 50 points, lambda = 0.1, b = 0.5. At the current (w, b) ten points have margin y f(x) < 1: "
                    "seven of class +1 and three of class -1. What is dJ/db? (Type a decimal number and press Enter.)",
        "type": "numeric",
        "precision": 4,
        "answers": [
            {"type": "range", "range": [-0.0801, -0.0799], "correct": True,
             "feedback": "Right: dJ/db = -(1/N) (sum of the active labels) = -(7 - 3)/50 = -0.08. The bias is not "
                         "regularised, so lambda and b do not enter."},
            {"type": "range", "range": [-0.0301, -0.0299], "correct": False,
             "feedback": "That adds lambda * b = 0.05: the bias is not regularised, (lambda/2)||w||^2 does not "
                         "contain b."},
            {"type": "range", "range": [0.0799, 0.0801], "correct": False,
             "feedback": "The sign is flipped: an active point's loss 1 - y (w.x + b) has derivative -y in b."},
            {"type": "range", "range": [-0.2001, -0.1999], "correct": False,
             "feedback": "That counts every active point as -1/N; each contributes -y_i / N, so class -1 points "
                         "contribute +1/50."},
            {"type": "range", "range": [-4.0001, -3.9999], "correct": False,
             "feedback": "That is the sum; J uses the mean hinge, so divide by N = 50."},
            {"type": "default", "feedback": "Not quite. Each active point contributes -y_i / N to dJ/db; the "
                                            "others contribute 0."},
        ],
    },
    {
        "question": "With kink detection switched off, a gradient check of J fails. In every coordinate the central "
                    "difference differs from the analytic gradient by -y_i x_ij / (2N) for the same point i "
                    "(and by -y_i / (2N) for b). What is the most likely cause?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "Point i sits exactly on its margin at the parameters checked", "correct": True,
             "feedback": "Right. Half of the step sees point i active and half sees it inactive, so the central "
                         "difference averages its contribution -y_i x_i / N with 0. Nothing is wrong with the code."},
            {"answer": "The regularisation term of the analytic gradient is wrong", "correct": False,
             "feedback": "A wrong lambda w term would be off by a multiple of lambda w, the same at every point "
                         "checked, not by half of one data point's contribution."},
            {"answer": "The step h is too large; a smaller h would fix it", "correct": False,
             "feedback": "Away from kinks J is piecewise quadratic, so its central difference is exact up to "
                         "rounding for any small h; a point exactly on its margin stays within h of the kink "
                         "however small h is, so the discrepancy stays the same."},
        ],
    },
]
