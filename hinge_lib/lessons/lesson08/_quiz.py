"""The concept-check questions of lesson 08, in jupyterquiz's format (plain text, no LaTeX)."""

QUIZ = [
    {
        "question": "On the centred data, SGD with weight_decay on model.parameters() and SGD with weight decay on "
                    "the weight only end with almost the same bias. Moved 2 units along x1, the same two runs end "
                    "with clearly different biases and boundaries. Why?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "Moving the data changes the bias J needs (b' = b - w.shift), so the best b is far from 0; "
                       "decay on b pulls it back towards 0, and that moves the boundary.",
             "correct": True,
             "feedback": "Yes. With decay on w only the problem is J, and moving the data only moves J's best b "
                         "(w stays). Decay on b as well minimises J + (lambda/2) b^2: a bias far from 0 now costs, "
                         "so the fit trades some hinge loss for a smaller |b|. On centred data J's best b is near "
                         "0 and that penalty costs almost nothing."},
            {"answer": "The moved points have larger coordinates, so weight decay shrinks w more.",
             "correct": False,
             "feedback": "No: with decay on w only, moving the data leaves the minimiser's w exactly as it was "
                         "(only b changes). What differs between the two runs is the penalty on b; w changes in "
                         "the second run only because that penalty changes the trade-off."},
            {"answer": "Gradient descent has not converged on the moved data yet; with more epochs the two runs "
                       "would agree.",
             "correct": False,
             "feedback": "No: uncentred data do slow gradient descent down, but each run converges to the "
                         "minimiser of its own objective, and the two objectives differ by (lambda/2) b^2. More "
                         "epochs keep the gap."},
            {"answer": "torch.clamp passes the gradient -y at the kink, which biases the bias.",
             "correct": False,
             "feedback": "No: the training loop uses torch.relu, whose choice at the kink is the library's, and "
                         "the weight-decay-on-w-only run matches the library to rounding error. The kink "
                         "convention is not what moves the boundary."},
        ],
    },
    {
        "question": "nn.MultiMarginLoss() (no weights, p = 1, margin 1) on a batch of 8 samples with 4 classes "
                    "prints 0.3. What does the Weston-Watkins mean loss, multiclass_hinge_loss, give on the same "
                    "scores?",
        "type": "numeric",
        "answers": [
            {"type": "range", "range": [1.1995, 1.2005], "correct": True,
             "feedback": "Yes: torch divides each sample's Weston-Watkins sum by the number of classes C = 4, so "
                         "the Weston-Watkins mean is 0.3 x 4 = 1.2. Both average over the 8 samples."},
            {"type": "range", "range": [0.0745, 0.0755], "correct": False,
             "feedback": "The factor goes the other way: torch's value is the Weston-Watkins loss divided by C, "
                         "so the Weston-Watkins loss is larger: multiply by C = 4."},
            {"type": "range", "range": [2.3995, 2.4005], "correct": False,
             "feedback": "Both losses are means over the 8 samples already; the factor between them is the number "
                         "of classes, C = 4, not N."},
            {"type": "range", "range": [0.8995, 0.9005], "correct": False,
             "feedback": "Close: torch divides by C = 4, all the classes, not by the C - 1 = 3 wrong classes "
                         "that have a term."},
            {"type": "default",
             "feedback": "MultiMarginLoss = Weston-Watkins / C, with C the number of classes (4 here)."},
        ],
    },
    {
        "question": "Scores s and labels y in {-1, +1} are torch tensors. Which expression is the mean binary hinge "
                    "max(0, 1 - y s) of lesson 02?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "nn.HingeEmbeddingLoss()(s, y)", "correct": False,
             "feedback": "No: it takes a distance x, not a score: it returns x itself where y = 1 and "
                         "max(0, 1 - x) where y = -1. A confident score of 1.5 with y = +1 costs 1.5."},
            {"answer": "nn.SoftMarginLoss()(s, y)", "correct": False,
             "feedback": "No: that is the logistic loss, the mean of log(1 + exp(-y s)): smooth and never 0."},
            {"answer": "torch.relu(1 - y * s).mean()", "correct": True,
             "feedback": "Yes (torch.clamp(1 - y * s, min=0).mean() too; the two differ only in the gradient at "
                         "the kink, section 2)."},
            {"answer": "torch.clamp(1 - y01 * s, min=0).mean() with the labels stored as y01 in {0, 1}",
             "correct": False,
             "feedback": "No: with 0 for the negative class every negative point costs max(0, 1) = 1 whatever its "
                         "score, and torch says nothing. Convert first: y = 2 * y01 - 1."},
        ],
    },
]
