"""The application tier: the one service both front ends drive (`service.ToxClient`), the
command line and its rules (`options`, `cli`), the headless JSON-lines front end, the demo
network, and the desktop app's composition root and backend adapter (`gui`, `gui_backend`, the
only modules here that load Qt)."""
