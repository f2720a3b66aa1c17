/* The course site's concept-check quizzes start once MathJax is ready (docs/hinge_site.py).
 *
 * A jupyterquiz output is one script that draws the quiz and then asks MathJax to typeset it. On a page of
 * this site, `window.MathJax` is first Sphinx's configuration object and becomes MathJax itself only when
 * the (deferred) MathJax script has run: a quiz script run before that reads `MathJax.version[0]` of the
 * configuration and throws. So the site stores each quiz script with a type the browser does not run,
 * `text/x-jupyterquiz`, and this file runs them, unchanged and in the page's global scope, when the page
 * has loaded and MathJax has started (or at once on a page without MathJax).
 */
(function () {
  function runQuizzes() {
    document.querySelectorAll('script[type="text/x-jupyterquiz"]').forEach(function (stored) {
      var script = document.createElement("script");
      script.text = stored.textContent;
      stored.parentNode.insertBefore(script, stored.nextSibling);
      stored.type = "text/x-jupyterquiz-done";
    });
  }
  window.addEventListener("load", function () {
    var mj = window.MathJax;
    if (mj && mj.startup && mj.startup.promise) {
      mj.startup.promise.then(runQuizzes, runQuizzes);
    } else {
      runQuizzes();
    }
  });
})();
