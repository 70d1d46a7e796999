/*
 * main.c
 *	  linkedevents-httpd: options, the listening socket, the daemon with its
 *	  pool of worker threads, and the graceful stop on SIGTERM or SIGINT.
 *
 * A thread per client connection, so that no request waits behind another
 * one's database call; the calls share --threads database connections
 * (pool.c): the number of requests answered at once.
 */
#include "httpd.h"

#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* A socket listening on config.listen; prints the address it got. */
static int
listen_socket(void)
{
	char	   *host = strdup(config.listen);
	char	   *port = strrchr(host, ':');
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE};
	struct addrinfo *addr;
	struct sockaddr_storage bound;
	socklen_t	bound_len = sizeof(bound);
	char		name[NI_MAXHOST], service[NI_MAXSERV];
	int			fd, on = 1, error;

	*port++ = '\0';
	if (host[0] == '[' && host[strlen(host) - 1] == ']')
	{
		host[strlen(host) - 1] = '\0';
		memmove(host, host + 1, strlen(host));
	}
	if ((error = getaddrinfo(*host ? host : NULL, port, &hints, &addr)) != 0)
	{
		fprintf(stderr, "linkedevents-httpd: cannot listen on %s: %s\n",
				config.listen, gai_strerror(error));
		exit(1);
	}
	fd = socket(addr->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) != 0 ||
		bind(fd, addr->ai_addr, addr->ai_addrlen) != 0 || listen(fd, 1024) != 0 ||
		getsockname(fd, (struct sockaddr *) &bound, &bound_len) != 0)
	{
		fprintf(stderr, "linkedevents-httpd: cannot listen on %s: %m\n", config.listen);
		exit(1);
	}
	getnameinfo((struct sockaddr *) &bound, bound_len, name, sizeof(name),
				service, sizeof(service), NI_NUMERICHOST | NI_NUMERICSERV);
	fprintf(stderr, "linkedevents-httpd: listening on http://%s%s%s:%s%sv1/ with %d threads\n",
			bound.ss_family == AF_INET6 ? "[" : "", name,
			bound.ss_family == AF_INET6 ? "]" : "", service, config.prefix,
			config.threads);
	freeaddrinfo(addr);
	free(host);
	return fd;
}

int
main(int argc, char **argv)
{
	sigset_t	signals;
	int			signal_number;
	struct MHD_Daemon *daemon;
	struct timespec tick = {0, 10 * 1000 * 1000};
	long		waited_ms = 0;

	options_parse(argc, argv);
	setvbuf(stderr, NULL, _IOLBF, 0);

	/* Blocked here, so in every thread; main waits for them below. */
	sigemptyset(&signals);
	sigaddset(&signals, SIGTERM);
	sigaddset(&signals, SIGINT);
	pthread_sigmask(SIG_BLOCK, &signals, NULL);
	signal(SIGPIPE, SIG_IGN);

	pool_init();
	daemon = MHD_start_daemon(MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_THREAD_PER_CONNECTION |
							  MHD_USE_ITC | MHD_USE_ERROR_LOG,
							  0, NULL, NULL, request_handle, NULL,
							  MHD_OPTION_LISTEN_SOCKET, listen_socket(),
							  MHD_OPTION_URI_LOG_CALLBACK, request_begin, NULL,
							  MHD_OPTION_NOTIFY_COMPLETED, request_done, NULL,
							  MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int) 60,
							  MHD_OPTION_END);
	if (daemon == NULL)
	{
		fprintf(stderr, "linkedevents-httpd: cannot start the HTTP daemon\n");
		return 1;
	}

	sigwait(&signals, &signal_number);
	fprintf(stderr, "linkedevents-httpd: %s: finishing %d requests in flight\n",
			strsignal(signal_number), requests_in_flight());
	requests_closing();
	close(MHD_quiesce_daemon(daemon));
	/* A request takes at most the timeout; give it one second more. */
	while (requests_in_flight() > 0 && waited_ms < config.timeout_ms + 1000)
	{
		nanosleep(&tick, NULL);
		waited_ms += 10;
	}
	MHD_stop_daemon(daemon);
	pool_close();
	fprintf(stderr, "linkedevents-httpd: stopped\n");
	return 0;
}
