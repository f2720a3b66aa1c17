"""One package per lesson: that lesson's own results, figures, interactive view, exercises and quiz.

``hinge_lib.lessons.lesson05`` holds what only lesson 05 uses; everything shared lives in the
core modules of :mod:`hinge_lib`, which never mention a lesson. A notebook imports its lesson's
package plus the core names it teaches::

    from hinge_lib.lessons.lesson05 import exercises as ex, moved_point_view, QUIZ
"""

__all__ = []  # the lessons are imported one by one: hinge_lib.lessons.lessonNN
