#pragma once
/// A request's file I/O before its CPU work: the task moves the request's MiB through its file system (shared with
/// every other task), then serves its CPU on its TaskServer.

#include <cstdint>
#include <vector>

#include "models/api/file_storage.hpp"
#include "models/api/request_path.hpp"
#include "models/serving/task_server.hpp"

namespace fleetsim {

/// The I/O phase of one task's requests, in front of its TaskServer.
class FileIoPhase : public FileIoClient {
 public:
  /// Requests move their I/O through `storage`, then their CPU goes to `server`.
  /// Its owner calls drop_all before destroying it while the run goes on (the storage may already be gone when
  /// the world is torn down, so the destructor does not touch it).
  FileIoPhase(FileStorage& storage, TaskServer& server) : storage_(storage), server_(server) {}
  FileIoPhase(const FileIoPhase&) = delete;
  FileIoPhase& operator=(const FileIoPhase&) = delete;

  /// Request `token` moves `io_mib`, then needs `cpu_ms` at one vCPU; the outcome goes to `observer`.
  void serve(std::uint32_t token, double cpu_ms, double io_mib, ServingObserver* observer);
  /// Drops every request still in its I/O (the task stopped): each observer hears on_dropped, in slot order.
  void drop_all();
  /// Requests still in their I/O.
  std::uint32_t outstanding() const { return in_io_; }
  void on_io_done(std::uint32_t id) override;

 private:
  struct Request {
    std::uint32_t token;
    double cpu_ms;
    ServingObserver* observer;  // nullptr: a free slot
  };
  FileStorage& storage_;
  TaskServer& server_;
  std::vector<Request> requests_;  // by the id the storage hears
  std::vector<std::uint32_t> free_;
  std::uint32_t in_io_ = 0;
};

}  // namespace fleetsim
