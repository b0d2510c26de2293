"""Test aids: used by the test suite and the benchmarks, never by the tutor at run time.

- :mod:`tutor.testing.fake_anthropic`: a local fake Messages API server (127.0.0.1) that the
  real ``anthropic`` SDK talks to, so the Claude engine is exercised without the network;
- :mod:`tutor.testing.claude_replies`: plausible replies for every tutor task, for that server;
- :mod:`tutor.testing.engines`: the offline engine with an exact-match grader;
- :mod:`tutor.testing.courses`: small synthetic courses made in code;
- :mod:`tutor.testing.load`: many learners at once through the real lesson facade.

They ship in the package so that ``bench/`` can use them without importing the tests.
"""
