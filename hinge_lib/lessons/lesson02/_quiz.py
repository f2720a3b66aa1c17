"""Lesson 02's concept-check questions, in jupyterquiz's format (plain text: no LaTeX offline)."""

QUIZ = [
    {
        "question": "Which loss is a convex upper bound of the 0-1 loss AND exactly 0 for every margin m ≥ 1?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "the hinge, max(0, 1 − m)", "correct": True,
             "feedback": "Right: it lies on or above the 0-1 loss, it is convex (a maximum of two straight lines) "
                         "and it is 0 from m = 1 on."},
            {"answer": "the logistic loss, log2(1 + e^(−m))", "correct": False,
             "feedback": "It is a convex upper bound too, but never exactly 0: at m = 3 it is still 0.0701."},
            {"answer": "squared error, (1 − m)²", "correct": False,
             "feedback": "It is 0 only at m = 1 and rises again after: at m = 3 it costs 4, punishing a point "
                         "for being too right."},
            {"answer": "the 0-1 loss itself", "correct": False,
             "feedback": "It is not convex: its value at m = 0 (1) is above the average of its values at "
                         "m = −0.5 and m = +0.5 (0.5)."},
        ],
    },
    {
        "question": "A point has label y = −1 and score f(x) = −1. Where does it sit, and what does it cost?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "on the margin; loss 0", "correct": True,
             "feedback": "Right: its margin is m = y f(x) = (−1)(−1) = 1 exactly, so it sits on its margin "
                         "line and costs max(0, 1 − 1) = 0."},
            {"answer": "beyond the margin; loss 0", "correct": False,
             "feedback": "The loss is right, but 'beyond the margin' means m > 1; m = 1 exactly is on the margin."},
            {"answer": "on the boundary; loss 1", "correct": False,
             "feedback": "On the boundary means m = 0 (score 0). Here the score is −1, and for y = −1 that is a "
                         "margin of +1."},
            {"answer": "misclassified; loss 2", "correct": False,
             "feedback": "A negative score is the correct side for a class −1 point: the margin m = y f(x) "
                         "is +1, not −1."},
        ],
    },
    {
        "question": "A very flexible model trained with the hinge loss ends with scores of only −1 and +1 "
                    "(the expected-hinge minimiser). Platt scaling then fits an increasing sigmoid to those scores. "
                    "At most how many different probabilities can it output?",
        "type": "numeric",
        "answers": [
            {"type": "value", "value": 2, "correct": True,
             "feedback": "Right: a function of the score gives one value per distinct score. Two scores, two "
                         "probabilities: a place where P(y = +1) is 0.6 and one where it is 0.95 get the same one."},
            {"type": "value", "value": 1, "correct": False,
             "feedback": "The fitted sigmoid is increasing, so the scores −1 and +1 get two different values."},
            {"type": "range", "range": [3, 1e12], "correct": False,
             "feedback": "Platt's sigmoid is a function of the score alone: it cannot give more values than "
                         "there are distinct scores."},
            {"type": "default", "feedback": "Count the distinct scores the model can output."},
        ],
    },
]
