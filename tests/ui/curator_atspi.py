# SPDX-License-Identifier: GPL-3.0-or-later
"""What the AT-SPI tests share: TAP skips that name the missing
requirement, a private Xvfb, the curator process under test, waits with a
deadline each, keys and clicks through XTest, and walks of the tree.

The tests run under Debian's /usr/bin/python3 (pyatspi) inside the private
D-Bus session of the headless run (build-aux/run-tests.sh)."""
import ctypes
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# Generous, so that only a real hang reaches it on a loaded machine.
DEADLINE = 30


def skip_all(requirement, why):
    """Skips the whole program: "missing REQUIREMENT: why" is what
    build-aux/run-tests.sh looks for."""
    print(f"1..0 # SKIP missing {requirement}: {why}")
    sys.exit(0)


def require_session():
    """pyatspi, a D-Bus session and Xvfb, or a skip that says which is
    missing. Returns the pyatspi module."""
    try:
        import pyatspi
    except ImportError as error:
        skip_all("pyatspi", f"{sys.executable} cannot import it ({error})")
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        skip_all("dbus", "no session bus: run under dbus-run-session")
    if not shutil.which("Xvfb"):
        skip_all("x11", "Xvfb is not installed")
    return pyatspi


class Timeout(Exception):
    pass


def wait_for(what, fn, timeout=DEADLINE):
    """Returns fn()'s first true value; raises Timeout naming @what."""
    from gi.repository import GLib

    context = GLib.MainContext.default()
    deadline = time.monotonic() + timeout
    while True:
        # AT-SPI events arrive through the main context.
        while context.iteration(False):
            pass
        value = fn()
        if value:
            return value
        if time.monotonic() > deadline:
            raise Timeout(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


def start_xvfb(width=1280, height=800):
    """A display of our own: -displayfd picks a free number atomically, where
    xvfb-run -a can race with other servers starting on the same machine."""
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0",
                               f"{width}x{height}x24", "-nolisten", "tcp"],
                              pass_fds=(write_fd,), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    os.close(write_fd)
    number = b""
    with os.fdopen(read_fd, "rb") as pipe:
        while not number.endswith(b"\n"):
            chunk = pipe.read(1)
            if not chunk:
                break
            number += chunk
    if not number.strip():
        server.kill()
        raise RuntimeError("Xvfb did not start")
    return server, ":" + number.decode().strip()


class XTest:
    """Keys and clicks as a user's, through the XTest extension of our Xvfb
    (libXtst comes with at-spi2-core)."""

    def __init__(self, display):
        self.x11 = ctypes.CDLL("libX11.so.6")
        self.xtst = ctypes.CDLL("libXtst.so.6")
        self.x11.XOpenDisplay.restype = ctypes.c_void_p
        self.x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        self.x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
        self.xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                                   ctypes.c_int, ctypes.c_ulong]
        self.xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
        self.display = self.x11.XOpenDisplay(display.encode())
        if not self.display:
            raise RuntimeError(f"cannot open display {display}")

    def close(self):
        self.x11.XCloseDisplay(self.display)

    def key(self, keysym, *modifiers):
        codes = [self.x11.XKeysymToKeycode(self.display, m) for m in modifiers]
        code = self.x11.XKeysymToKeycode(self.display, keysym)
        for c in codes:
            self.xtst.XTestFakeKeyEvent(self.display, c, True, 0)
        self.xtst.XTestFakeKeyEvent(self.display, code, True, 0)
        self.xtst.XTestFakeKeyEvent(self.display, code, False, 0)
        for c in reversed(codes):
            self.xtst.XTestFakeKeyEvent(self.display, c, False, 0)
        self.x11.XSync(self.display, False)

    def scroll(self, x, y, down=True):
        self.xtst.XTestFakeMotionEvent(self.display, -1, x, y, 0)
        self.xtst.XTestFakeButtonEvent(self.display, 5 if down else 4, True, 0)
        self.xtst.XTestFakeButtonEvent(self.display, 5 if down else 4, False, 0)
        self.x11.XSync(self.display, False)

    def click(self, x, y):
        self.xtst.XTestFakeMotionEvent(self.display, -1, x, y, 0)
        self.xtst.XTestFakeButtonEvent(self.display, 1, True, 0)
        self.xtst.XTestFakeButtonEvent(self.display, 1, False, 0)
        self.x11.XSync(self.display, False)


KEY_TAB = 0xff09
KEY_RETURN = 0xff0d
KEY_ESCAPE = 0xff1b


class App:
    """The curator binary on a display of its own, with private settings
    (a key file, so a test can choose the window's size) and a private
    home for what it writes."""

    def __init__(self, binary, args, width=1280, height=800, window_width=None, workdir=None):
        # A workdir of the caller's outlives the process: a second run finds
        # what the first one left (its drafts).
        self.own_workdir = workdir is None
        self.workdir = workdir if workdir is not None else tempfile.mkdtemp(prefix="curator-atspi-")
        self.xvfb, self.display = start_xvfb(width, height)
        env = dict(os.environ, GTK_A11Y="atspi", GSK_RENDERER="cairo", DISPLAY=self.display)
        for name in ("NO_AT_BRIDGE", "XAUTHORITY", "WAYLAND_DISPLAY"):
            env.pop(name, None)
        if "CURATOR_TEST_CHILD_G_DEBUG" in env:
            env["G_DEBUG"] = env.pop("CURATOR_TEST_CHILD_G_DEBUG")
        for name in ("config", "data", "cache", "state", "home"):
            os.makedirs(os.path.join(self.workdir, name), exist_ok=True)
        # No animations: a row is where it is read to be when it is clicked.
        os.makedirs(os.path.join(self.workdir, "config", "gtk-4.0"), exist_ok=True)
        with open(os.path.join(self.workdir, "config", "gtk-4.0", "settings.ini"), "w") as settings:
            settings.write("[Settings]\ngtk-enable-animations=false\n")
        env["XDG_CONFIG_HOME"] = os.path.join(self.workdir, "config")
        env["XDG_DATA_HOME"] = os.path.join(self.workdir, "data")
        env["XDG_CACHE_HOME"] = os.path.join(self.workdir, "cache")
        env["XDG_STATE_HOME"] = os.path.join(self.workdir, "state")
        env["HOME"] = os.path.join(self.workdir, "home")
        if window_width is not None:
            settings = os.path.join(self.workdir, "config", "glib-2.0", "settings")
            os.makedirs(settings, exist_ok=True)
            with open(os.path.join(settings, "keyfile"), "w") as keyfile:
                keyfile.write("[io/github/curator_editor/Curator]\n"
                              f"window-width={window_width}\nwindow-height={height}\n")
            env["GSETTINGS_BACKEND"] = "keyfile"
        self.process = subprocess.Popen([os.path.abspath(binary)] + list(args), env=env, cwd=self.workdir)
        self.xtest = XTest(self.display)

    def close(self):
        self.xtest.close()
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.xvfb.terminate()
        self.xvfb.wait()
        if self.own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def crash(self):
        """Ends the process as a crash or a power cut would: SIGKILL, with
        no chance to save or clean up."""
        self.process.kill()
        self.process.wait()
        self.close()

    def node(self, pyatspi):
        """This process's application node on the accessibility bus."""
        desktop = pyatspi.Registry.getDesktop(0)

        def ours():
            if self.process.poll() is not None:
                raise RuntimeError(f"curator exited with status {self.process.returncode}")
            for i in range(desktop.childCount):
                child = desktop.getChildAtIndex(i)
                try:
                    if child is not None and child.get_process_id() == self.process.pid and child.childCount > 0:
                        return child
                except Exception:
                    continue
            return None
        return wait_for("the application on the accessibility bus", ours)


def children(node):
    try:
        return [node.getChildAtIndex(i) for i in range(node.childCount)]
    except Exception:
        return []


def find(node, predicate, depth=0):
    """The first node under @node (depth first) for which @predicate holds."""
    if node is None or depth > 80:
        return None
    try:
        if predicate(node):
            return node
    except Exception:
        return None
    for child in children(node):
        found = find(child, predicate, depth + 1)
        if found is not None:
            return found
    return None


def find_all(node, predicate, found=None, depth=0):
    found = [] if found is None else found
    if node is None or depth > 80:
        return found
    try:
        if predicate(node):
            found.append(node)
    except Exception:
        return found
    for child in children(node):
        find_all(child, predicate, found, depth + 1)
    return found


def describe(node):
    try:
        return f"{node.getRoleName()} {node.name!r}"
    except Exception:
        return "(gone)"


# What makes a name useless to a screen reader user.
TYPE_NAME = re.compile(r"(Gtk|Gdk|Adw|GtkSource|WebKit|Curator)[A-Z][A-Za-z0-9]*")
MNEMONIC = re.compile(r"_[^\W_]")


def repeats_itself(name):
    """ "ID ID", "Load Remote Images Remote Images", "_Cancel Cancel":
    the name ends with a run of words said twice (underscores ignored)."""
    words = name.replace("_", "").split()
    for k in range(1, len(words) // 2 + 1):
        if words[-2 * k:-k] == words[-k:]:
            return True
    return False


def interactive_roles(pyatspi):
    roles = {pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
             pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_ENTRY, pyatspi.ROLE_PASSWORD_TEXT,
             pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_SLIDER,
             pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_CHECK_MENU_ITEM, pyatspi.ROLE_RADIO_MENU_ITEM,
             pyatspi.ROLE_LINK}
    # A switch is its own role in newer AT-SPI versions.
    if hasattr(pyatspi, "ROLE_SWITCH"):
        roles.add(pyatspi.ROLE_SWITCH)
    return roles


def name_problems(pyatspi, root):
    """Every node under @root (itself included) whose name a screen reader
    should not say: (path, problem) pairs."""
    interactive = interactive_roles(pyatspi)
    problems = []

    def visit(node, path, depth):
        """@path: the named nodes above, nearest last."""
        if node is None or depth > 80:
            return
        try:
            name = node.name or ""
            role = node.getRole()
            editable = role == pyatspi.ROLE_TEXT and node.getState().contains(pyatspi.STATE_EDITABLE)
        except Exception:
            return
        found = []
        # A label shows its text, underscores and all (a folder "_build").
        if MNEMONIC.match(name) and role != pyatspi.ROLE_LABEL:
            found.append("starts with a mnemonic underscore")
        if repeats_itself(name):
            found.append("repeats itself")
        if TYPE_NAME.fullmatch(name):
            found.append("is a widget type name")
        if (role in interactive or editable) and not name.strip():
            found.append("is interactive and has no name")
        if found:
            here = " > ".join(path[-3:] + [describe(node)])
            problems.extend((here, problem) for problem in found)
        below = path + [describe(node)] if name else path
        for child in children(node):
            visit(child, below, depth + 1)

    visit(root, [], 0)
    return problems
