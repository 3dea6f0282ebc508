/* site.c — where the current call came from: the site left by the oracle's macros, and the site
 * of the DECREF whose tp_dealloc is running.
 *
 * The site-capturing macros (pymem.h, objimpl.h) store __FILE__/__LINE__ in _rt_site_file/_line
 * just before calling the runtime; the callee takes them with rt_site_take(), which clears them so a
 * later call without a site is not blamed on a stale one. Release builds never set them.
 */
#include "rt_internal.h"

/* The site left by the last site-capturing macro (oracle builds), consumed by the next call. */
const char *_rt_site_file;
int _rt_site_line;
RtSite rt_release_site;

RtSite rt_site_take(void)
{
  RtSite s = {_rt_site_file, _rt_site_line};
  _rt_site_file = NULL;
  _rt_site_line = 0;
  return s;
}
